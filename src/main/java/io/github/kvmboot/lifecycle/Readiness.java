package io.github.kvmboot.lifecycle;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.supervisor.GuestRecord;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.RunningGuest;

/**
 * Waits until every {@link WaitFor} holds, in order, before a deadline. QMP is asked on the
 * control socket (the supervisor's connection stays the supervisor's).
 */
final class Readiness {

    private static final Duration POLL = Duration.ofMillis(200);

    private final RunningGuest guest;
    private final long deadline;

    /** @param timeout {@link Duration#ZERO}: no limit */
    Readiness(RunningGuest guest, Duration timeout) {
        this.guest = guest;
        this.deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    }

    /**
     * @return empty when all held; else the condition still missing at the deadline
     * @throws KvmbootException when the guest ended (failed or not) before it was ready
     */
    Optional<WaitFor> await(Optional<Pattern> expect, List<WaitFor> conditions) throws KvmbootException, InterruptedException {
        if (expect.isPresent() && !guest.awaitReady(remaining())) {
            ended();
            return Optional.of(new WaitFor.Console(expect.get()));
        }
        for (WaitFor condition : conditions) {
            while (!holds(condition)) {
                ended();
                if (remaining().isZero()) {
                    return Optional.of(condition);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        return Optional.empty();
    }

    private boolean holds(WaitFor condition) throws InterruptedException {
        if (condition instanceof WaitFor.Console console) {
            return guest.awaitConsole(console.pattern(), min(remaining(), POLL)).isPresent();
        }
        if (condition instanceof WaitFor.Tcp tcp) {
            return tcp.canaryPort() < 0 ? TcpProbe.answers(tcp.hostPort())
                    : TcpProbe.answersAfterCanary(tcp.canaryPort(), tcp.hostPort());
        }
        return qmpRunning();
    }

    private boolean qmpRunning() {
        try {
            Optional<GuestRecord> record = GuestRecord.find(guest.outputDirectory());
            if (record.isEmpty()) {
                return false;
            }
            try (QmpClient qmp = record.get().connect(Duration.ofSeconds(5))) {
                return qmp.execute("query-status").path("running").asBoolean(false);
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A guest that ended before it was ready: its failure, or that it ended. */
    private void ended() throws KvmbootException, InterruptedException {
        if (!guest.isRunning()) {
            GuestResult result = guest.awaitEnd();
            throw new KvmbootException("The guest ended (" + result.outcome() + ") before it was ready; console: "
                    + result.consoleLog() + "\n" + String.join("\n", result.excerpt()));
        }
    }

    private Duration remaining() {
        if (deadline == Long.MAX_VALUE) {
            return Duration.ofDays(1);
        }
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
