package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.LineSplitter.Line;

/** The verdicts and their messages, from observations fed in: no QEMU. */
class GuestJudgeTest {

    private static final long START = 1_000_000_000L;
    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path out;

    private final RecordingLog log = new RecordingLog();
    private final ConsoleTranscript transcript = new ConsoleTranscript();
    private List<String> stderrTail = List.of();
    private int warnings;

    private GuestRun run(Optional<Pattern> expect, Duration timeout, Duration noOutputTimeout,
            Optional<Path> commandStatus) {
        return new GuestRun(List.of("qemu-system-x86_64"), out, expect, Optional.of(TestQemu.DEFAULT_FAIL_ON),
                timeout, Optional.empty(), Optional.empty(), false, GuestListener.NONE, noOutputTimeout,
                Optional.empty(), commandStatus);
    }

    private GuestJudge judge(GuestRun run) {
        return new GuestJudge(run, transcript, () -> new GuestJudge.Facts(4242L, Map.of("ttyS1", "/dev/pts/7"),
                Duration.ofSeconds(3), warnings, stderrTail), log, START);
    }

    private GuestJudge judge(Optional<Pattern> expect) {
        return judge(run(expect, Duration.ZERO, Duration.ZERO, Optional.empty()));
    }

    private Line console(long number, String text) {
        Line line = new Line(number, text);
        transcript.add(line);
        return line;
    }

    @Test
    void expectWhileRunningPassesWithoutExitCode() {
        console(1, "Linux version 6.1");
        GuestJudge judge = judge(Optional.of(Pattern.compile("READY")));
        judge.expectMatched();

        GuestResult result = judge.expectReached();

        assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        assertNull(result.exitCode());
        assertEquals(4242L, result.qemuPid());
        assertEquals(Map.of("ttyS1", "/dev/pts/7"), result.ptys());
        assertEquals(out.resolve("console.log"), result.consoleLog());
        assertEquals(List.of("  1 | Linux version 6.1"), result.excerpt());
        assertTrue(log.at("INFO").contains("Console matched /READY/: stopping QEMU"), log.messages().toString());
    }

    @Test
    void failPatternBeforeExpectWinsWithContextAndPanicNote() {
        console(1, "booting");
        Line panic = console(2, "Kernel panic - not syncing: sysrq");
        transcript.markFailure(panic);
        console(3, "---[ end Kernel panic ]---");
        GuestJudge judge = judge(Optional.of(Pattern.compile("READY")));
        judge.failMatched(panic, START + 5);
        judge.expectMatched();
        judge.qmpEvents(List.of("GUEST_PANICKED"));

        Deadlines<Object> deadlines = new Deadlines<>();
        judge.addTimers(deadlines, START, false);
        assertEquals(Optional.of(GuestJudge.Timer.FAIL_CONTEXT),
                deadlines.firstExpired(START + 5 + GuestJudge.FAIL_CONTEXT_WAIT.toNanos()));
        assertEquals(Optional.empty(), deadlines.firstExpired(START + 4 + GuestJudge.FAIL_CONTEXT_WAIT.toNanos()));
        GuestFailureException e = judge.expired(GuestJudge.Timer.FAIL_CONTEXT);

        assertEquals(Outcome.FAIL_PATTERN, e.result().outcome());
        assertEquals("Guest failed: console matched fail pattern /" + TestQemu.DEFAULT_FAIL_ON.pattern()
                + "/ at line 2 of " + out.resolve("console.log") + " (QEMU reported GUEST_PANICKED):\n"
                + "  1 | booting\n> 2 | Kernel panic - not syncing: sysrq\n  3 | ---[ end Kernel panic ]---",
                e.getMessage());
        assertTrue(e.result().guestPanicked());
        assertTrue(log.at("ERROR").contains("QEMU reported GUEST_PANICKED: the guest kernel panicked"));
    }

    @Test
    void timeoutAndSilenceAreTimersOfTheLoop() {
        console(1, "only line");
        GuestJudge judge = judge(run(Optional.of(Pattern.compile("NEVER")), Duration.ofSeconds(8),
                Duration.ofMillis(1500), Optional.empty()));
        long lastOutput = START + Duration.ofSeconds(1).toNanos();

        Deadlines<Object> deadlines = new Deadlines<>();
        judge.addTimers(deadlines, lastOutput, false);
        assertEquals(Duration.ofMillis(2500).toNanos(), deadlines.nanosUntilEarliest(START));
        assertEquals(Optional.of(GuestJudge.Timer.SILENCE), deadlines.firstExpired(START + Duration.ofMillis(2500).toNanos()));
        assertEquals(Optional.of(GuestJudge.Timer.TIMEOUT), deadlines.firstExpired(START + Duration.ofSeconds(8).toNanos()));

        Deadlines<Object> whenReady = new Deadlines<>();
        judge.addTimers(whenReady, lastOutput, true);
        assertEquals(false, whenReady.any(), "a guest that outlives its goal has no timeout once ready");

        GuestFailureException timedOut = judge.expired(GuestJudge.Timer.TIMEOUT);
        assertEquals(Outcome.TIMED_OUT, timedOut.result().outcome());
        assertEquals("Timed out after 8 s waiting for /NEVER/ (no match in 1 console lines); last console lines:\n"
                + "  1 | only line", timedOut.getMessage());
        GuestFailureException silent = judge.expired(GuestJudge.Timer.SILENCE);
        assertEquals(Outcome.NO_OUTPUT, silent.result().outcome());
        assertEquals("No console output for 1.5 s (kvmboot.noOutputTimeout); the guest looks hung; last console"
                + " lines:\n  1 | only line", silent.getMessage());
    }

    @Test
    void qemuExitVerdicts() throws Exception {
        stderrTail = List.of("qemu-system-x86_64: cannot open disk");
        GuestFailureException failed = assertThrows(GuestFailureException.class,
                () -> judge(Optional.empty()).afterExit(1));
        assertEquals(Outcome.QEMU_FAILED, failed.result().outcome());
        assertEquals(1, failed.result().exitCode());
        assertEquals("QEMU failed with exit code 1; its error output:\n  qemu-system-x86_64: cannot open disk",
                failed.getMessage());

        console(1, "reboot: Power down");
        GuestFailureException early = assertThrows(GuestFailureException.class,
                () -> judge(Optional.of(Pattern.compile("READY"))).afterExit(0));
        assertEquals(Outcome.GUEST_EXITED, early.result().outcome());
        assertEquals("QEMU exited (code 0) before /READY/ appeared on the console (1 console lines); last console"
                + " lines:\n  1 | reboot: Power down", early.getMessage());

        GuestJudge panicked = judge(Optional.empty());
        panicked.qmpEvents(List.of("GUEST_PANICKED", "SHUTDOWN"));
        GuestFailureException panic = assertThrows(GuestFailureException.class, () -> panicked.afterExit(0));
        assertEquals(Outcome.GUEST_PANICKED, panic.result().outcome());
        assertEquals(List.of("GUEST_PANICKED", "SHUTDOWN"), panic.result().qmpEvents());

        GuestJudge late = judge(Optional.of(Pattern.compile("READY")));
        late.expectMatched(); // drained after the exit
        GuestResult lateMatch = late.afterExit(0);
        assertEquals(Outcome.EXPECT_MATCHED, lateMatch.outcome());
        assertEquals(0, lateMatch.exitCode());

        warnings = 2;
        GuestResult passed = judge(Optional.empty()).afterExit(0);
        assertEquals(Outcome.GUEST_EXITED, passed.outcome());
        assertEquals(2, passed.warnings());
        assertTrue(log.at("INFO").contains("QEMU exited with code 0"));
        assertTrue(log.contains("WARN", "2 kernel warning line(s) on the console"), log.messages().toString());
    }

    @Test
    void theCommandStatusDecidesAnExecRun() throws Exception {
        Path status = out.resolve("status");
        console(1, "kvmboot: running the command");
        GuestJudge judge = judge(run(Optional.empty(), Duration.ZERO, Duration.ZERO, Optional.of(status)));

        Files.writeString(status, "kvmboot-start " + NONCE + "\nkvmboot-exit " + NONCE + " 3\n");
        GuestFailureException three = assertThrows(GuestFailureException.class, () -> judge.afterExit(0));
        assertEquals(Outcome.COMMAND_EXITED, three.result().outcome());
        assertEquals(3, three.result().commandExitCode());
        assertEquals("The guest command exited with code 3; last console lines:\n  1 | kvmboot: running the command",
                three.getMessage());

        Files.writeString(status, "kvmboot-start " + NONCE + "\nkvmboot-error " + NONCE + " no-9p\nforged\n");
        GuestFailureException no9p = assertThrows(GuestFailureException.class, () -> judge.afterExit(0));
        assertEquals(Outcome.NO_EXIT_CODE, no9p.result().outcome());
        assertTrue(no9p.getMessage().startsWith("The guest's init failed before running the command: the kernel has"
                + " no 9p file system for kvmboot.share"), no9p.getMessage());
        assertTrue(log.contains("WARN", "ignored 1 line(s) on the guest's status port"), log.messages().toString());

        Files.writeString(status, "kvmboot-start " + NONCE + "\n");
        GuestFailureException none = assertThrows(GuestFailureException.class, () -> judge.afterExit(0));
        assertTrue(none.getMessage().startsWith("The guest stopped before the command reported an exit code (the"
                + " command was started)"), none.getMessage());

        Files.writeString(status, "kvmboot-start " + NONCE + "\nkvmboot-exit " + NONCE + " 0\n");
        GuestResult zero = judge.afterExit(0);
        assertEquals(Outcome.COMMAND_EXITED, zero.outcome());
        assertEquals(0, zero.commandExitCode());
    }

    @Test
    void aStoppedGuestIsJudgedOnItsWholeLife() throws Exception {
        GuestJudge healthy = judge(Optional.of(Pattern.compile("READY")));
        healthy.expectMatched();
        GuestResult stopped = healthy.stopped(null);
        assertEquals(Outcome.STOPPED, stopped.outcome());
        assertNull(stopped.exitCode());

        Line oops = console(1, "BUG: unable to handle page fault");
        transcript.markFailure(oops);
        GuestJudge hurt = judge(Optional.of(Pattern.compile("READY")));
        hurt.expectMatched();
        hurt.failMatched(oops, START);
        GuestFailureException e = assertThrows(GuestFailureException.class, () -> hurt.stopped(0));
        assertEquals(Outcome.FAIL_PATTERN, e.result().outcome());
        assertEquals(0, e.result().exitCode());
    }

    @Test
    void qemuThatCannotStart() {
        GuestFailureException e = judge(Optional.empty()).notStarted("Cannot start QEMU: qemu-nope is not on PATH");
        assertEquals(Outcome.QEMU_FAILED, e.result().outcome());
        assertEquals(List.of(), e.result().excerpt());
        assertEquals("Cannot start QEMU: qemu-nope is not on PATH", e.getMessage());
    }

    @Test
    void ctrlAXPassesUnlessAFailPatternOrANonZeroCommandExitSaidOtherwise() throws Exception {
        console(1, "/ # ");
        GuestResult quit = judge(Optional.empty()).userQuit();
        assertEquals(Outcome.USER_QUIT, quit.outcome());
        assertNull(quit.exitCode());
        assertTrue(log.at("INFO").contains("Guest stopped from the console (Ctrl-A x)"), log.messages().toString());

        Line panic = console(2, "Kernel panic - not syncing: sysrq");
        transcript.markFailure(panic);
        GuestJudge failed = judge(Optional.empty());
        failed.failMatched(panic, START);
        assertEquals(Outcome.FAIL_PATTERN, assertThrows(GuestFailureException.class, failed::userQuit).result().outcome());

        Path status = out.resolve("exec-status");
        Files.writeString(status, "kvmboot-start " + NONCE + "\nkvmboot-exit " + NONCE + " 3\n");
        GuestFailureException exited = assertThrows(GuestFailureException.class,
                () -> judge(run(Optional.empty(), Duration.ZERO, Duration.ZERO, Optional.of(status))).userQuit());
        assertEquals(Outcome.COMMAND_EXITED, exited.result().outcome());
        assertTrue(exited.getMessage().contains("exited with code 3 before Ctrl-A x"), exited.getMessage());

        Files.writeString(status, "kvmboot-start " + NONCE + "\n");
        assertEquals(Outcome.USER_QUIT,
                judge(run(Optional.empty(), Duration.ZERO, Duration.ZERO, Optional.of(status))).userQuit().outcome(),
                "a command still running when the user leaves: the user's choice");
    }
}
