package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.log.Durations;
import io.github.kvmboot.statusport.StatusReport;
import io.github.kvmboot.supervisor.LineSplitter.Line;

/**
 * Turns what was observed of a run (pattern matches, QMP events, QEMU's exit, expired timers, the
 * exec status report) into its {@link GuestResult} or {@link GuestFailureException}. No threads,
 * no processes: the session feeds it observations and asks for the verdict.
 */
final class GuestJudge {

    static final Duration FAIL_CONTEXT_WAIT = Duration.ofSeconds(2);
    private static final int TAIL_LINES = 20;

    /** What the judge does not observe itself, read when a result is made. */
    record Facts(Long qemuPid, Map<String, String> ptys, Duration elapsed, int warnings, List<String> stderrTail,
            List<PowerEvent> powerEvents, Optional<String> suspendedState) {

        Facts(Long qemuPid, Map<String, String> ptys, Duration elapsed, int warnings, List<String> stderrTail) {
            this(qemuPid, ptys, elapsed, warnings, stderrTail, List.of(), Optional.empty());
        }
    }

    /** The timers the judge owns, in the order they are checked when several expired together. */
    enum Timer { FAIL_CONTEXT, TIMEOUT, SILENCE }

    private final GuestRun run;
    private final Path consoleLog;
    private final ConsoleTranscript transcript;
    private final Supplier<Facts> facts;
    private final BuildLog log;
    private final long startNanos;
    private final List<String> qmpEvents = new ArrayList<>();
    /** The status file's length each time QEMU was started again (a guest resuming from disk). */
    private final List<Long> statusLaterStarts = new ArrayList<>();
    private boolean expectSeen;
    private Line failure;
    private long failDeadline;
    private Integer commandExitCode;
    private boolean warningsReported;
    private Vmcore vmcore;

    GuestJudge(GuestRun run, ConsoleTranscript transcript, Supplier<Facts> facts, BuildLog log, long startNanos) {
        this.run = run;
        this.consoleLog = run.outputDirectory().resolve("console.log");
        this.transcript = transcript;
        this.facts = facts;
        this.log = log;
        this.startNanos = startNanos;
    }

    // --- observations

    /** QEMU is about to start again (for the guest to resume from its hibernation image). */
    void qemuStartsAgain() {
        run.commandStatus().ifPresent(file -> {
            try {
                statusLaterStarts.add(Files.exists(file) ? Files.size(file) : 0L);
            } catch (IOException e) {
                statusLaterStarts.add(0L);
            }
        });
    }

    /** The expect pattern matched; it counts unless a fail pattern matched first. */
    void expectMatched() {
        if (failure == null) {
            expectSeen = true;
        }
    }

    /** A fail pattern matched; the first one counts, the verdict waits a moment for the lines after it. */
    void failMatched(Line line, long nowNanos) {
        if (failure == null) {
            failure = line;
            failDeadline = nowNanos + FAIL_CONTEXT_WAIT.toNanos();
        }
    }

    /** The names of all QMP events QEMU sent so far. */
    void qmpEvents(List<String> names) {
        qmpEvents.clear();
        qmpEvents.addAll(names);
        if (qmpEvents.contains("GUEST_PANICKED")) {
            log.error("QEMU reported GUEST_PANICKED: the guest kernel panicked");
        }
    }

    /** The guest's memory was dumped (kvmboot.dumpOnPanic). */
    void dumped(Vmcore written) {
        vmcore = written;
    }

    boolean dumped() {
        return vmcore != null;
    }

    boolean expectSeen() {
        return expectSeen;
    }

    boolean failureSeen() {
        return failure != null;
    }

    // --- timers

    /** Adds this judge's running timers; {@code readyAlready} = expect seen by a guest that outlives it. */
    void addTimers(Deadlines<? super Timer> deadlines, long lastOutputNanos, boolean readyAlready) {
        addTimers(deadlines, lastOutputNanos, readyAlready, false, 0);
    }

    /**
     * The same, for a guest that stood halted for a debugger {@code haltedNanos} in total (the
     * timeout is pushed back by that; the caller counts silence from the last halt).
     */
    void addTimers(Deadlines<? super Timer> deadlines, long lastOutputNanos, boolean readyAlready, long haltedNanos) {
        addTimers(deadlines, lastOutputNanos, readyAlready, false, haltedNanos);
    }

    /** The same; a {@code suspended} guest is silent on purpose: no no-output watchdog then. */
    void addTimers(Deadlines<? super Timer> deadlines, long lastOutputNanos, boolean readyAlready, boolean suspended,
            long haltedNanos) {
        if (!run.timeout().isZero() && !readyAlready) {
            deadlines.add(Timer.TIMEOUT, startNanos + run.timeout().toNanos() + haltedNanos);
        }
        if (failure != null) {
            deadlines.add(Timer.FAIL_CONTEXT, failDeadline);
        }
        if (!run.noOutputTimeout().isZero() && !readyAlready && !suspended) {
            deadlines.add(Timer.SILENCE, lastOutputNanos + run.noOutputTimeout().toNanos());
        }
    }

    /** The failure for an expired timer (QMP events are expected to be fresh). */
    GuestFailureException expired(Timer timer) {
        return switch (timer) {
            case FAIL_CONTEXT -> failPatternFailure(null);
            case TIMEOUT -> timedOut();
            case SILENCE -> silent();
        };
    }

    // --- verdicts

    /** While QEMU runs: the expect pattern matched. */
    GuestResult expectReached() {
        log.info("Console matched " + slashed(run.expect().get()) + ": stopping QEMU");
        return result(Outcome.EXPECT_MATCHED, null, tail());
    }

    /** QEMU cannot wake the guest from S3 (QMP wakeup-suspend-support false), which the run needs. */
    GuestFailureException cannotWake() {
        return failure(Outcome.QEMU_FAILED, null, tail(), "This QEMU machine cannot wake a suspended guest: QMP"
                + " query-current-machine says wakeup-suspend-support is false (kvmboot.suspend=mem needs ACPI S3 on"
                + " the machine: QEMU's pc machine with -global PIIX4_PM.disable_s3=0, which kvmboot passes; a"
                + " kvmboot.command or another machine type may lack it)");
    }

    GuestFailureException notStarted(String message) {
        return failure(Outcome.QEMU_FAILED, null, List.of(), message);
    }

    /** QEMU exited by itself, all it wrote read: decide. */
    GuestResult afterExit(int exitCode) throws GuestFailureException {
        List<String> tail = tail();
        if (expectSeen) {
            return result(Outcome.EXPECT_MATCHED, exitCode, tail);
        }
        if (failure != null) {
            throw failPatternFailure(exitCode);
        }
        if (qmpEvents.contains("GUEST_PANICKED")) {
            throw panicked(exitCode, tail);
        }
        if (exitCode != 0) {
            List<String> errors = facts.get().stderrTail();
            throw failure(Outcome.QEMU_FAILED, exitCode, tail, "QEMU failed with exit code " + exitCode
                    + (errors.isEmpty() ? " (no error output)" : "; its error output:\n  " + String.join("\n  ", errors))
                    + (tail.isEmpty() ? "" : "\nlast console lines:\n" + Excerpt.indent(tail)));
        }
        if (run.commandStatus().isPresent()) {
            return commandVerdict(exitCode, tail);
        }
        if (run.expect().isPresent()) {
            throw failure(Outcome.GUEST_EXITED, exitCode, tail, "QEMU exited (code 0) before "
                    + slashed(run.expect().get()) + " appeared on the console (" + transcript.count()
                    + " console lines); last console lines:\n" + Excerpt.indent(tail));
        }
        log.info("QEMU exited with code 0");
        return result(Outcome.GUEST_EXITED, exitCode, tail);
    }

    /**
     * A guest that outlived its goal was stopped on request: a fail pattern or panic seen during its
     * life fails it, else it passes as {@link Outcome#STOPPED}.
     *
     * @param exitCode QEMU's exit code when it powered off within the grace period, else {@code null}
     */
    GuestResult stopped(Integer exitCode) throws GuestFailureException {
        List<String> tail = tail();
        requireNoCrash(exitCode, tail);
        log.info("Guest stopped on request" + (exitCode == null ? "" : " (QEMU exit code " + exitCode + ")"));
        return result(Outcome.STOPPED, exitCode, tail);
    }

    /** kvmboot.keepRunning: the life so far, judged as {@link #stopped} does; the guest runs on. */
    GuestResult leftRunning() throws GuestFailureException {
        List<String> tail = tail();
        requireNoCrash(null, tail);
        return result(Outcome.LEFT_RUNNING, null, tail);
    }

    /** A guest whose life ends on request failed all the same when a fail pattern matched or it panicked. */
    private void requireNoCrash(Integer exitCode, List<String> tail) throws GuestFailureException {
        if (failure != null) {
            throw failPatternFailure(exitCode);
        }
        if (qmpEvents.contains("GUEST_PANICKED")) {
            throw panicked(exitCode, tail);
        }
    }

    /** The guest panicked (QEMU paused it on GUEST_PANICKED) while it ran: the fail pattern's failure, else the panic's. */
    GuestFailureException crashed() {
        return failure != null ? failPatternFailure(null) : panicked(null, tail());
    }

    /**
     * Ctrl-A x at the interactive console: a fail pattern, a panic or a non-zero exit code the guest
     * already reported fails the run, else it passes as {@link Outcome#USER_QUIT}.
     */
    GuestResult userQuit() throws GuestFailureException {
        List<String> tail = tail();
        requireNoCrash(null, tail);
        if (run.commandStatus().isPresent()) {
            try {
                StatusReport status = StatusReport.read(run.commandStatus().get(), statusLaterStarts);
                commandExitCode = status.exitCode().orElse(null);
            } catch (IOException e) {
                log.debug("no status report to read: " + e.getMessage());
            }
            if (commandExitCode != null && commandExitCode != 0) {
                throw failure(Outcome.COMMAND_EXITED, null, tail, "The guest command exited with code "
                        + commandExitCode + " before Ctrl-A x; last console lines:\n" + Excerpt.indent(tail));
            }
        }
        log.info("Guest stopped from the console (Ctrl-A x)");
        return result(Outcome.USER_QUIT, null, tail);
    }

    private GuestFailureException panicked(Integer exitCode, List<String> tail) {
        return failure(Outcome.GUEST_PANICKED, exitCode, tail, "Guest kernel panicked: QEMU reported GUEST_PANICKED"
                + " (pvpanic) though no fail pattern matched; last console lines:\n" + Excerpt.indent(tail));
    }

    private GuestFailureException failPatternFailure(Integer exitCode) {
        List<String> excerpt = transcript.failureExcerpt();
        return failure(Outcome.FAIL_PATTERN, exitCode, excerpt, "Guest failed: console matched fail pattern "
                + slashed(run.failOn().get()) + " at line " + failure.number() + " of " + consoleLog
                + (qmpEvents.contains("GUEST_PANICKED") ? " (QEMU reported GUEST_PANICKED)" : "") + ":\n"
                + Excerpt.indent(excerpt));
    }

    /** The guest powered off: its init's report on the status port decides. */
    private GuestResult commandVerdict(int qemuExitCode, List<String> tail) throws GuestFailureException {
        StatusReport status;
        try {
            status = StatusReport.read(run.commandStatus().get(), statusLaterStarts);
        } catch (IOException e) {
            throw failure(Outcome.NO_EXIT_CODE, qemuExitCode, tail, "Cannot read the guest's status report "
                    + run.commandStatus().get() + ": " + e.getMessage());
        }
        if (status.forgedLines() > 0) {
            log.warn("ignored " + status.forgedLines() + " line(s) on the guest's status port that did not carry"
                    + " init's nonce (something other than kvmboot's init wrote to it)");
        }
        if (status.error().isPresent()) {
            throw failure(Outcome.NO_EXIT_CODE, qemuExitCode, tail, "The guest's init failed before running the command: "
                    + StatusReport.explain(status.error().get()) + "; last console lines:\n" + Excerpt.indent(tail));
        }
        if (status.exitCode().isEmpty()) {
            throw failure(Outcome.NO_EXIT_CODE, qemuExitCode, tail, "The guest stopped before the command reported an"
                    + " exit code (" + (status.started() ? "the command was started" : "init never reached the command")
                    + "); last console lines:\n" + Excerpt.indent(tail));
        }
        commandExitCode = status.exitCode().get();
        if (commandExitCode != 0) {
            throw failure(Outcome.COMMAND_EXITED, qemuExitCode, tail, "The guest command exited with code "
                    + commandExitCode + "; last console lines:\n" + Excerpt.indent(tail));
        }
        log.info("The guest command exited with code 0");
        return result(Outcome.COMMAND_EXITED, qemuExitCode, tail);
    }

    private GuestFailureException silent() {
        List<String> tail = tail();
        return failure(Outcome.NO_OUTPUT, null, tail, "No console output for " + Durations.describe(run.noOutputTimeout())
                + " (kvmboot.noOutputTimeout); the guest looks hung; last console lines:\n" + Excerpt.indent(tail));
    }

    private GuestFailureException timedOut() {
        List<String> tail = tail();
        String awaited = run.expect().map(p -> " waiting for " + slashed(p) + " (no match in " + transcript.count()
                + " console lines)").orElse(" (" + transcript.count() + " console lines)");
        return failure(Outcome.TIMED_OUT, null, tail, "Timed out after " + Durations.describe(run.timeout()) + awaited
                + facts.get().suspendedState().orElse("") + "; last console lines:\n" + Excerpt.indent(tail));
    }

    private List<String> tail() {
        return Excerpt.tail(transcript.last(TAIL_LINES));
    }

    private GuestFailureException failure(Outcome outcome, Integer exitCode, List<String> excerpt, String message) {
        String withDump = vmcore == null ? message : message + "\nThe guest's memory at the crash: " + vmcore.file()
                + " (" + vmcore.mebibytes() + " MiB); open it with " + MemoryDump.howToOpen(vmcore, run.debugging().vmlinux());
        return new GuestFailureException(withDump, result(outcome, exitCode, excerpt));
    }

    private GuestResult result(Outcome outcome, Integer exitCode, List<String> excerpt) {
        Facts now = facts.get();
        if (now.warnings() > 0 && !warningsReported) {
            warningsReported = true;
            log.warn(now.warnings() + " kernel warning line(s) on the console (see " + consoleLog
                    + "); -Dkvmboot.failOnWarning makes them fail the run");
        }
        return new GuestResult(outcome, exitCode, now.qemuPid(), now.ptys(), consoleLog, now.elapsed(), excerpt,
                commandExitCode, qmpEvents, now.warnings(), now.powerEvents(), Optional.ofNullable(vmcore));
    }

    private static String slashed(Pattern pattern) {
        return "/" + pattern.pattern() + "/";
    }
}
