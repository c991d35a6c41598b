package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.testing.TestGuests;

/** A real guest that outlives the call that started it: start, find it in the registry, stop it. */
@Timeout(180)
class RunningGuestTest {

    @TempDir
    Path out;

    private final RecordingLog log = new RecordingLog();

    @Test
    void startedGuestIsFoundByItsDirectoryAndStoppedLater() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        Path qmpSocket = out.resolve("qmp.sock");
        PidCapture capture = new PidCapture(pidFile);
        GuestRun run = new GuestRun(TestQemu.command(TestGuests.printAndHang("KVMBOOT-READY"), pidFile, qmpSocket),
                out, Optional.of(Pattern.compile("KVMBOOT-READY")), Optional.of(TestQemu.DEFAULT_FAIL_ON),
                Duration.ofSeconds(90), Optional.of(qmpSocket), Optional.of(pidFile), false, capture,
                Duration.ofSeconds(90), Optional.empty(), Optional.empty());

        RunningGuest guest = new GuestSupervisor(log).start(run);
        try {
            assertTrue(guest.awaitReady(Duration.ofSeconds(90)), "the expect pattern makes the guest ready");
            // the match may have been on the unfinished line: its end comes a moment later
            assertEquals(Optional.of("KVMBOOT-READY"), guest.awaitConsole(Pattern.compile("READY$"),
                    Duration.ofSeconds(10)), "lines seen before the call count");
            assertEquals(Optional.empty(), guest.awaitConsole(Pattern.compile("NEVER-PRINTED"), Duration.ofMillis(200)));
            // a later goal of the same build knows only the directory
            Optional<RunningGuest> found = RunningGuests.find(out.resolve(".").resolve("x").resolve(".."));
            assertTrue(found.isPresent(), "registered under its absolute output directory");
            assertSame(guest, found.get());
            assertTrue(guest.isRunning(), "the guest outlives the match of its expect pattern");
            assertTrue(guest.qmp().isPresent(), "QMP is there for the goals that follow");
            assertEquals("running", guest.qmp().get().execute("query-status").path("status").asText());
            long pid = capture.pid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU runs after the call");
            assertThrows(KvmbootException.class, () -> new GuestSupervisor(log).start(run),
                    "one guest per output directory");
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "the refused second start did not touch the running guest");
        } finally {
            GuestResult result = guest.stop(Duration.ofSeconds(2));
            assertEquals(Outcome.STOPPED, result.outcome());
        }

        assertFalse(guest.isRunning());
        assertEquals(Optional.empty(), RunningGuests.find(out), "an ended guest leaves the registry");
        TestQemu.assertGone(capture.pid(), Duration.ofSeconds(5));
        assertTrue(log.at("INFO").contains("Powering the guest down (ACPI), waiting up to 2 s"), log.messages().toString());
        assertEquals("STOPPED", new ObjectMapper().readTree(out.resolve("result.json").toFile()).path("outcome").asText());
        assertFalse(Files.exists(qmpSocket), "QMP socket removed");
        assertEquals(List.of(), log.at("WARN"), "a clean stop warns about nothing");
        assertEquals(Outcome.STOPPED, guest.awaitEnd().outcome(), "the end is judged once and kept");
    }
}
