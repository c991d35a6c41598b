package io.github.kvmboot.process;

import java.time.Duration;

/**
 * Stops a process for sure: SIGTERM (unless the caller already asked it to end, e.g. QMP quit), a
 * grace period, then SIGKILL and a second wait. Interrupts during the waits are remembered and
 * restored afterwards: giving up early would leave the process running.
 * <p>
 * Used from a JVM shutdown hook after Maven closed the plugin class loader: uses JDK types only,
 * no lambdas or nested classes, so that an instance created earlier keeps working then.
 */
public final class ProcessStopper {

    private static final long POLL_MILLIS = 20;
    private static final long REAP_WAIT_NANOS = 2_000_000_000L;

    private final Duration grace;
    private final Duration killWait;

    /**
     * @param grace    how long the process may take to exit after being asked
     * @param killWait how long to wait after SIGKILL
     */
    public ProcessStopper(Duration grace, Duration killWait) {
        this.grace = grace;
        this.killWait = killWait;
    }

    public Duration grace() {
        return grace;
    }

    /** SIGTERM, grace, SIGKILL; true when the process is gone. */
    public boolean stop(ProcessHandle process) {
        return stop(process, false, null);
    }

    /**
     * @param alreadyAsked the process was asked to end already: no SIGTERM, just the grace period
     * @param beforeKill   runs (when not null) when the grace period passed and SIGKILL follows
     * @return true when the process is gone
     */
    public boolean stop(ProcessHandle process, boolean alreadyAsked, Runnable beforeKill) {
        boolean interrupted = Thread.interrupted();
        try {
            if (!alreadyAsked) {
                process.destroy();
            }
            interrupted |= !awaitGone(process, grace);
            if (isGone(process)) {
                interrupted |= !awaitReaped(process);
                return true;
            }
            if (beforeKill != null) {
                beforeKill.run();
            }
            process.destroyForcibly();
            interrupted |= !awaitGone(process, killWait);
            boolean gone = isGone(process);
            if (gone) {
                interrupted |= !awaitReaped(process);
            }
            return gone;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gone = exited, also when it is a zombie its (other) parent has not reaped yet. */
    public static boolean isGone(ProcessHandle process) {
        boolean alive = process.isAlive();
        boolean running = ProcFs.isRunning(process.pid()); // always read: see KillQemuOnJvmExit
        return !alive || !running;
    }

    /**
     * An exited process stays a zombie until its parent reaps it: the JDK's reaper thread for a
     * child of this JVM, init for a daemon. Until then {@link ProcessHandle#isAlive()} says true and
     * {@code /proc/<pid>} exists. Waits (briefly) for that, so that callers see it gone; a zombie
     * nobody reaps in time still counts as stopped. Returns false if an interrupt was swallowed.
     */
    private static boolean awaitReaped(ProcessHandle process) {
        boolean clean = true;
        long deadline = System.nanoTime() + REAP_WAIT_NANOS;
        while (process.isAlive() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                clean = false;
            }
        }
        return clean;
    }

    /** Waits up to {@code timeout}, ignoring interrupts; returns false if one was swallowed. */
    private static boolean awaitGone(ProcessHandle process, Duration timeout) {
        boolean clean = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isGone(process) && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                clean = false;
            }
        }
        return clean;
    }
}
