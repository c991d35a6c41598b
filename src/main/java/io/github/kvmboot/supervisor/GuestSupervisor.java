package io.github.kvmboot.supervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.kvmboot.Executables;
import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;

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
     * Runs the guest until the expect pattern appears or (without one) QEMU exits by itself.
     *
     * @throws GuestFailureException on a fail pattern, timeout, QEMU failing to start or exiting
     *         non-zero, or QEMU exiting before the expect pattern appeared
     * @throws KvmbootException      when the output directory or a stale QEMU cannot be handled
     */
    public GuestResult run(GuestRun run) throws KvmbootException, InterruptedException {
        try {
            GuestResult result = new GuestSession(run, log, launchPrefix()).run();
            ResultFile.write(run.outputDirectory(), result, log);
            return result;
        } catch (GuestFailureException e) {
            ResultFile.write(run.outputDirectory(), e.result(), log);
            throw e;
        }
    }

    /** {@code setpriv --pdeathsig TERM --}: QEMU gets SIGTERM when its launching thread dies, even on kill -9. */
    private List<String> launchPrefix() {
        Optional<Path> setpriv = Executables.find("setpriv");
        if (setpriv.isPresent()) {
            return List.of(setpriv.get().toString(), "--pdeathsig", "TERM", "--");
        }
        if (WARNED_NO_SETPRIV.compareAndSet(false, true)) {
            log.warn("setpriv (util-linux) is not on PATH: if this JVM is killed with SIGKILL, QEMU will keep"
                    + " running; install util-linux so QEMU dies with it");
        }
        return List.of();
    }
}
