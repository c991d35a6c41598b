package io.github.kvmboot.supervisor;

/**
 * The JVM shutdown hook (SIGTERM, SIGINT, System.exit). Maven closes the plugin class loader
 * before hooks run, so {@link #run} uses JDK types only, and the instance is created when the
 * run starts so that this class is already loaded.
 */
final class KillQemuOnJvmExit extends Thread {

    private static final long GRACE_NANOS = 3_000_000_000L;

    private final ProcessHandle qemu;

    KillQemuOnJvmExit(ProcessHandle qemu) {
        super("kvmboot-kill-qemu-on-exit");
        this.qemu = qemu;
    }

    @Override
    public void run() {
        if (!qemu.isAlive()) {
            return;
        }
        qemu.destroy();
        long deadline = System.nanoTime() + GRACE_NANOS;
        while (qemu.isAlive() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                break;
            }
        }
        if (qemu.isAlive()) {
            qemu.destroyForcibly();
        }
    }
}
