package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time halted for a debugger, from QEMU's run states, and how it moves the judge's timers. */
class DebuggerHaltsTest {

    private static final long S = Duration.ofSeconds(1).toNanos();
    private static final long START = 1_000 * S;

    @Test
    void onlyTimeBetweenTwoHaltedObservationsCounts() {
        DebuggerHalts halts = new DebuggerHalts();
        halts.observe("prelaunch", 10 * S);
        halts.observe("prelaunch", 11 * S);
        halts.observe("debug", 13 * S);
        halts.observe("running", 14 * S);
        halts.observe("running", 20 * S);
        assertEquals(3 * S, halts.haltedNanos());
        assertEquals(13 * S, halts.silentSince(5 * S), "silence counts from the last halt");
        assertEquals(30 * S, halts.silentSince(30 * S), "or from the last output after it");
    }

    @Test
    void aPanickedOrRunningGuestIsNotHaltedForADebugger() {
        assertTrue(DebuggerHalts.isHalted("debug"));
        assertTrue(DebuggerHalts.isHalted("prelaunch"));
        assertFalse(DebuggerHalts.isHalted("running"));
        assertFalse(DebuggerHalts.isHalted("guest-panicked"));
        DebuggerHalts none = new DebuggerHalts();
        none.observe("running", S);
        none.observe("guest-panicked", 9 * S);
        assertEquals(0, none.haltedNanos());
    }

    @Test
    void theTimeoutMovesByTheHaltedTime(@TempDir Path out) {
        DebuggerHalts halts = new DebuggerHalts();
        halts.observe("debug", START);
        halts.observe("debug", START + 40 * S);
        GuestRun run = new GuestRun(List.of("qemu-system-x86_64"), out, Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Optional.empty(), Optional.empty(), false, GuestListener.NONE,
                Duration.ofSeconds(5), Optional.empty(), Optional.empty());
        GuestJudge judge = new GuestJudge(run, new ConsoleTranscript(), () -> new GuestJudge.Facts(1L, Map.of(),
                Duration.ZERO, 0, List.of()), new RecordingLog(), START);
        Deadlines<Object> deadlines = new Deadlines<>();
        judge.addTimers(deadlines, halts.silentSince(START), false, halts.haltedNanos());
        assertEquals(Optional.empty(), deadlines.firstExpired(START + 44 * S));
        assertEquals(Optional.of(GuestJudge.Timer.SILENCE), deadlines.firstExpired(START + 45 * S),
                "silent 5 s after the last halt");
        Deadlines<Object> timeoutOnly = new Deadlines<>();
        judge.addTimers(timeoutOnly, START + 100 * S, false, halts.haltedNanos());
        assertEquals(Optional.empty(), timeoutOnly.firstExpired(START + 49 * S), "10 s of running plus 40 s halted");
        assertEquals(Optional.of(GuestJudge.Timer.TIMEOUT), timeoutOnly.firstExpired(START + 50 * S));
    }
}
