package io.github.kvmboot.supervisor;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.process.Detached;
import io.github.kvmboot.process.ParentDeathSignal;

/**
 * Runs QEMU for a kvmboot goal and watches it: console log and patterns, pty mappings, timeout,
 * and a guaranteed shutdown (no QEMU outlives the run or the JVM). See {@link GuestRun}.
 */
public final class GuestSupervisor {

    private static final AtomicBoolean WARNED_NO_SETPRIV = new AtomicBoolean();

    private final BuildLog log;

    public GuestSupervisor(BuildLog log) {
        this.log = log;
    }

    /**
     * Runs the guest until the expect pattern appears or (without one) QEMU exits by itself:
     * {@link #startUntilExpect} and {@link RunningGuest#awaitEnd}.
     *
     * @throws GuestFailureException on a fail pattern, timeout, QEMU failing to start or exiting
     *         non-zero, or QEMU exiting before the expect pattern appeared
     * @throws KvmbootException      when the output directory or a stale QEMU cannot be handled
     */
    public GuestResult run(GuestRun run) throws KvmbootException, InterruptedException {
        return startUntilExpect(run).awaitEnd();
    }

    /**
     * Starts a guest that outlives this call and the goal that made it: the expect pattern only
     * makes it ready ({@link RunningGuest#awaitReady}); it runs until {@link RunningGuest#stop}, a
     * fail pattern, or QEMU exiting. The timeout and the no-output watchdog apply until it is ready.
     * Registered in {@link RunningGuests} until it ended.
     */
    public RunningGuest start(GuestRun run) throws KvmbootException {
        return RunningGuest.start(new GuestSession(run, log, launchPrefix(), true, false), log);
    }

    /**
     * Starts a guest as {@link #start} does, but one that may outlive this JVM (kvmboot.keepRunning):
     * QEMU and its helpers run in a session of their own, not tied to the JVM's life, and
     * {@link RunningGuest#detach} leaves them running for a later {@code kvmboot:stop}.
     */
    public RunningGuest startDetachable(GuestRun run) throws KvmbootException {
        return RunningGuest.start(new GuestSession(run, log, Detached.launchPrefix(), true, true), log);
    }

    /** Starts a guest whose run ends as {@link #run} describes. */
    public RunningGuest startUntilExpect(GuestRun run) throws KvmbootException {
        return RunningGuest.start(new GuestSession(run, log, launchPrefix(), false, false), log);
    }

    /** {@code setpriv --pdeathsig TERM --}: QEMU gets SIGTERM when its launching thread dies, even on kill -9. */
    private List<String> launchPrefix() {
        List<String> prefix = ParentDeathSignal.launchPrefix();
        if (!prefix.isEmpty()) {
            return prefix;
        }
        if (WARNED_NO_SETPRIV.compareAndSet(false, true)) {
            log.warn("setpriv (util-linux) is not on PATH: if this JVM is killed with SIGKILL, QEMU will keep"
                    + " running (and so will helper daemons such as virtiofsd); install util-linux so they die with it");
        }
        return List.of();
    }
}
