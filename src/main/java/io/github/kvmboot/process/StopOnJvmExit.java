package io.github.kvmboot.process;

import java.time.Duration;

/**
 * The JVM shutdown hook (SIGTERM, SIGINT, System.exit). Maven closes the plugin class loader
 * before hooks run, so {@link #run} uses JDK types and classes this constructor already loaded
 * and initialized only: the instance is created when the run starts.
 */
public final class StopOnJvmExit extends Thread {

    private final ProcessHandle process;
    private final ProcessStopper stopper = new ProcessStopper(Duration.ofSeconds(3), Duration.ofSeconds(3));

    /** @param what names the thread, e.g. {@code qemu} */
    public StopOnJvmExit(ProcessHandle process, String what) {
        super("kvmboot-stop-" + what + "-on-exit");
        this.process = process;
        ProcessStopper.isGone(process); // loads what stop() uses (ProcFs) while the class loader is open
    }

    @Override
    public void run() {
        if (!process.isAlive()) {
            return;
        }
        stopper.stop(process);
    }
}
