package io.github.kvmboot.suspend;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.qemu.qmp.QmpException;
import io.github.kvmboot.supervisor.GuestRecord;
import io.github.kvmboot.supervisor.PowerEvent;

/**
 * {@code kvmboot:wakeup}: wakes the suspended guest running in an output directory (found through
 * its {@code guest.json}, also when another Maven supervises it) with QMP {@code system_wakeup} on
 * its control socket, asking again until QEMU reports {@code WAKEUP} or {@link #BOUND} passes.
 * The control socket, not the supervisor's own QMP client, even in the supervising JVM: that
 * client is polled by the supervisor's thread and is not safe to share.
 */
public final class GuestWaker {

    public static final Duration BOUND = Duration.ofSeconds(10);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_NANOS = 500_000_000L;

    private final BuildLog log;

    public GuestWaker(BuildLog log) {
        this.log = log;
    }

    /** Wakes the guest; returns what happened, for the log. */
    public String wake(Path outputDirectory) throws KvmbootException, InterruptedException {
        Optional<GuestRecord> guest;
        try {
            guest = GuestRecord.find(outputDirectory);
        } catch (IOException e) {
            throw new KvmbootException("Cannot read " + GuestRecord.file(outputDirectory) + ": " + e.getMessage());
        }
        if (guest.isEmpty()) {
            throw new KvmbootException("No guest is running with output directory " + outputDirectory + " (no "
                    + GuestRecord.file(outputDirectory).getFileName() + " there, or its QEMU is gone): nothing to wake."
                    + " Run kvmboot:wakeup in the directory of the kvmboot:boot that runs it, or set"
                    + " kvmboot.outputDirectory to its output directory");
        }
        log.info("kvmboot: waking the guest of " + outputDirectory + " (QEMU pid " + guest.get().pid() + ")");
        try (QmpClient qmp = guest.get().connect(CONNECT_TIMEOUT)) {
            return wake(qmp, BOUND);
        } catch (KvmbootException e) {
            throw e;
        } catch (IOException e) {
            throw new KvmbootException("Cannot wake the guest over its QMP control socket " + guest.get().controlSocket()
                    + ": " + e.getMessage());
        }
    }

    /** system_wakeup until WAKEUP arrives or {@code bound} passes. */
    static String wake(QmpClient qmp, Duration bound) throws IOException, KvmbootException, InterruptedException {
        long start = System.nanoTime();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                qmp.execute("system_wakeup");
            } catch (QmpException refused) {
                String status = status(qmp);
                if (attempts == 1 && !woke(qmp)) {
                    throw new KvmbootException("The guest is not suspended (QEMU status '" + status + "'), so there is"
                            + " nothing to wake: QEMU refused system_wakeup (" + refused.description() + ")");
                }
            }
            long retryAt = System.nanoTime() + RETRY_NANOS;
            while (System.nanoTime() - retryAt < 0) {
                if (woke(qmp)) {
                    return "kvmboot: the guest woke up (QMP WAKEUP) after " + attempts + " system_wakeup"
                            + (attempts == 1 ? "" : "s") + ", " + (System.nanoTime() - start) / 1_000_000 + " ms";
                }
                Thread.sleep(20);
                status(qmp); // makes QMP deliver its events
            }
            if (System.nanoTime() - start > bound.toNanos()) {
                throw new KvmbootException("The guest did not wake up: no QMP WAKEUP within " + bound.toSeconds()
                        + " s after " + attempts + " system_wakeup commands (QEMU status '" + status(qmp) + "')");
            }
        }
    }

    private static boolean woke(QmpClient qmp) {
        return qmp.events().stream().anyMatch(e -> PowerEvent.WAKEUP.equals(e.path("event").asText()));
    }

    private static String status(QmpClient qmp) throws IOException {
        return qmp.execute("query-status").path("status").asText("?");
    }
}
