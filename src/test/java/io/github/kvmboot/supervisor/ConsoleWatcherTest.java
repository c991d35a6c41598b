package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.supervisor.LineSplitter.Line;
import io.github.kvmboot.supervisor.PtyLineParser.PtyMapping;

class ConsoleWatcherTest {

    private final List<SupervisorEvent> events = new ArrayList<>();
    private final List<String> listened = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();
    private final ConsoleTranscript transcript = new ConsoleTranscript();
    private final ConsoleWatcher watcher = new ConsoleWatcher(Optional.of(Pattern.compile("login: $")),
            Optional.of(TestQemu.DEFAULT_FAIL_ON), Optional.empty(), transcript, log, new GuestListener() {
                @Override
                public void consoleLine(String line) {
                    listened.add(line);
                }
            }, events::add);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        watcher.accept(bytes, 0, bytes.length);
    }

    @Test
    void ptyAnnouncementsBecomeEventsNotConsoleLines() {
        feed("char device redirected to /dev/pts/4 (label ttyS1)\n\u001Bc\u001B[?7l\u001B[2J\r\nSeaBIOS (version 1.16.2)\r\n");

        assertEquals(List.of(new SupervisorEvent.PtyAnnounced(new PtyMapping("ttyS1", "/dev/pts/4")),
                new SupervisorEvent.ConsoleStarted()), events);
        assertEquals(List.of("SeaBIOS (version 1.16.2)"), listened, "escape-only line dropped");
        assertEquals(List.of("SeaBIOS (version 1.16.2)"), log.at("INFO"));
        assertEquals(List.of(new Line(3, "SeaBIOS (version 1.16.2)")), transcript.last(5));
    }

    /** The session stops polling QMP then, and ends a QEMU that hangs in its exit path. */
    @Test
    void theKernelsPowerOffLineIsAnEventOnce() {
        feed("[    4.24] ACPI: PM: Preparing to enter system sleep state S5\r\n[    4.246788] reboot: Power down\r\n");
        feed("reboot: Power down\r\n");
        assertEquals(1, events.stream().filter(e -> e instanceof SupervisorEvent.GuestPoweredOff).count(), events.toString());
        feed("");
        assertTrue(ConsoleWatcher.POWER_OFF.matcher("reboot: Restarting system").find());
        assertTrue(!ConsoleWatcher.POWER_OFF.matcher("echo reboot: Power down").find(), "only the kernel's own line");
    }

    @Test
    void expectMatchesTheUnfinishedPromptOnce() {
        feed("Welcome\r\nbuildroot log");
        assertTrue(events.stream().noneMatch(e -> e instanceof SupervisorEvent.ExpectMatched));
        feed("in: ");
        feed("root\r\nlogin: \r\n");
        List<SupervisorEvent> matches = events.stream().filter(e -> e instanceof SupervisorEvent.ExpectMatched).toList();
        assertEquals(List.of(new SupervisorEvent.ExpectMatched(new Line(-1, "buildroot login: "))), matches);
    }

    @Test
    void failPatternOnlyOnCompleteLinesAndOnlyTheFirst() {
        feed("[    2.1] Kernel panic - not syncing: sysrq triggered crash");
        assertTrue(events.stream().noneMatch(e -> e instanceof SupervisorEvent.FailMatched), "not on a partial line");
        feed("\r\n[    2.2] BUG: second\r\n");
        List<SupervisorEvent> failures = events.stream().filter(e -> e instanceof SupervisorEvent.FailMatched).toList();
        assertEquals(List.of(new SupervisorEvent.FailMatched(
                new Line(1, "[    2.1] Kernel panic - not syncing: sysrq triggered crash"))), failures);
        assertEquals(List.of("> 1 | [    2.1] Kernel panic - not syncing: sysrq triggered crash",
                "  2 | [    2.2] BUG: second"), transcript.failureExcerpt());
    }

    @Test
    void unterminatedLastLineIsDeliveredAtEndOfStream() {
        feed("reboot: Power down");
        assertEquals(List.of(), listened);
        watcher.endOfStream();
        assertEquals(List.of("reboot: Power down"), listened);
    }

    @Test
    void kernelWarningLinesAreCounted() {
        ConsoleWatcher counting = new ConsoleWatcher(Optional.empty(), Optional.empty(),
                Optional.of(Pattern.compile("WARNING: (?:CPU: \\d+ PID: \\d+ at|at) ")), new ConsoleTranscript(), log,
                GuestListener.NONE, events::add);
        byte[] bytes = ("[    1.0] WARNING: CPU: 0 PID: 1 at kernel/foo.c:12 bar+0x1/0x2\r\n"
                + "WARNING: this is only a test script talking\r\n"
                + "[    2.0] WARNING: CPU: 1 PID: 77 at mm/baz.c:3 qux+0x1/0x2\r\n").getBytes(StandardCharsets.UTF_8);
        counting.accept(bytes, 0, bytes.length);
        assertEquals(2, counting.warnings());
    }

    @Test
    void aLineMatchedBeforeItsEndIsLoggedWholeOnce() {
        ConsoleWatcher mem = new ConsoleWatcher(Optional.of(Pattern.compile("MEM")), Optional.empty(), Optional.empty(),
                new ConsoleTranscript(), log, GuestListener.NONE, events::add);
        byte[] start = "MEM".getBytes(StandardCharsets.UTF_8);
        byte[] rest = " 366608 CPUS 1\r\n".getBytes(StandardCharsets.UTF_8);
        mem.accept(start, 0, start.length);
        assertEquals(List.of(new SupervisorEvent.ExpectMatched(new Line(-1, "MEM"))), events, "matched before the newline");
        mem.accept(rest, 0, rest.length);
        assertEquals(List.of("MEM 366608 CPUS 1"), log.at("INFO"));
    }

    @Test
    void aMatchedPromptIsLoggedWhenTheStreamEnds() {
        feed("Welcome\r\nkvmboot login: ");
        assertEquals(List.of("Welcome"), log.at("INFO"));
        watcher.endOfStream();
        assertEquals(List.of("Welcome", "kvmboot login: "), log.at("INFO"));
    }
}
