package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.qemu.qmp.QmpSocketPaths;
import io.github.kvmboot.testing.TestGuests;

/** Another process finds a running guest by its output directory and talks QMP to it. */
@Timeout(180)
class GuestRecordTest {

    @TempDir
    Path out;

    @Test
    void runningGuestIsReachableThroughItsRecordUntilItEnds() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        Path qmpSocket = out.resolve("qmp.sock");
        Path control = QmpSocketPaths.controlSocket(qmpSocket);
        List<String> argv = new ArrayList<>(TestQemu.command(TestGuests.printAndHang("KVMBOOT-READY"), pidFile, qmpSocket));
        argv.addAll(List.of("-chardev", "socket,id=qmp-control,path=" + control + ",server=on,wait=off",
                "-mon", "chardev=qmp-control,mode=control"));
        PidCapture capture = new PidCapture(pidFile);
        GuestRun run = new GuestRun(argv, out, Optional.of(Pattern.compile("KVMBOOT-READY")),
                Optional.of(TestQemu.DEFAULT_FAIL_ON), Duration.ofSeconds(90), Optional.of(qmpSocket),
                Optional.of(pidFile), false, capture, Duration.ofSeconds(90), Optional.empty(), Optional.empty());
        assertEquals(Optional.of(control), run.controlSocket());
        Files.writeString(GuestRecord.file(out), "{\"pid\":1,\"controlSocket\":\"/nonexistent\"}");
        assertEquals(Optional.empty(), GuestRecord.find(out), "a stale record (pid 1 serves no such socket) is no guest");

        RunningGuest guest = new GuestSupervisor(new RecordingLog()).start(run);
        try {
            assertTrue(guest.awaitReady(Duration.ofSeconds(90)));
            Optional<GuestRecord> record = awaitRecord(Duration.ofSeconds(20));
            assertTrue(record.isPresent(), "guest.json written once QMP answered");
            assertEquals(capture.pid(), record.get().pid());
            assertEquals(control, record.get().controlSocket());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(control)),
                    "the control socket is private");
            try (QmpClient client = record.get().connect(Duration.ofSeconds(10))) {
                assertEquals("running", client.execute("query-status").path("status").asText(),
                        "a second QMP client while the supervisor holds the first");
            }
        } finally {
            guest.stop(Duration.ofSeconds(2));
        }
        assertEquals(Optional.empty(), GuestRecord.find(out), "an ended guest has no record");
        assertFalse(Files.exists(GuestRecord.file(out)));
        assertFalse(Files.exists(control), "control socket removed");
        TestQemu.assertGone(capture.pid(), Duration.ofSeconds(5));
    }

    private Optional<GuestRecord> awaitRecord(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<GuestRecord> found = GuestRecord.find(out);
            if (found.isPresent()) {
                return found;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }
}
