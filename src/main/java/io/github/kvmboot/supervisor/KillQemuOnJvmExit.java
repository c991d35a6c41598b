package io.github.kvmboot.supervisor;

import java.time.Duration;

import io.github.kvmboot.process.ProcessStopper;

/**
 * The JVM shutdown hook (SIGTERM, SIGINT, System.exit). Maven closes the plugin class loader
 * before hooks run, so {@link #run} uses JDK types and classes this constructor already loaded
 * and initialized only: the instance is created when the run starts.
 */
final class KillQemuOnJvmExit extends Thread {

    private final ProcessHandle qemu;
    private final ProcessStopper stopper = new ProcessStopper(Duration.ofSeconds(3), Duration.ofSeconds(3));

    KillQemuOnJvmExit(ProcessHandle qemu) {
        super("kvmboot-kill-qemu-on-exit");
        this.qemu = qemu;
        ProcessStopper.isGone(qemu); // loads what stop() uses (ProcFs) while the class loader is open
    }

    @Override
    public void run() {
        if (!qemu.isAlive()) {
            return;
        }
        stopper.stop(qemu);
    }
}
