package io.github.kvmboot.qemu;

import java.util.concurrent.TimeUnit;

/** Ends a child process for sure, even when the calling thread is being interrupted. */
final class ProcessTermination {

    private static final long GRACE_MILLIS = 2_000;
    private static final long FORCED_MILLIS = 10_000;

    private ProcessTermination() {
    }

    /**
     * SIGTERM, a short grace period, then SIGKILL. Interrupts during the waits are remembered and
     * restored afterwards: giving up early would leave the process running.
     */
    static void terminate(Process process) {
        boolean interrupted = Thread.interrupted();
        try {
            process.destroy();
            interrupted |= !awaitExit(process, GRACE_MILLIS);
            if (process.isAlive()) {
                process.destroyForcibly();
                interrupted |= !awaitExit(process, FORCED_MILLIS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits up to the given time, ignoring interrupts; returns false if one was swallowed. */
    private static boolean awaitExit(Process process, long millis) {
        boolean clean = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (process.isAlive()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                process.waitFor(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                clean = false;
            }
        }
        return clean;
    }
}
