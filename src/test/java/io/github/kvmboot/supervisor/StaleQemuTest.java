package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvmboot.process.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.TestGuests;

@Timeout(120)
class StaleQemuTest {

    @TempDir
    Path out;

    private final RecordingLog log = new RecordingLog();

    @Test
    void staleQemuWithTheSamePidFileIsStoppedBeforeTheNewRun() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        Process stale = new ProcessBuilder(TestQemu.command(TestGuests.silentHang(), pidFile, null))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitPidFile(pidFile, stale);
            assertEquals(stale.pid(), TestQemu.readPid(pidFile));
            PidCapture capture = new PidCapture(pidFile);

            GuestResult result = new GuestSupervisor(log).run(new GuestRun(
                    TestQemu.command(TestGuests.printAndPowerOff("KVMBOOT-AFTER-STALE"), pidFile, null), out,
                    Optional.empty(), Optional.of(TestQemu.DEFAULT_FAIL_ON), Duration.ofSeconds(90), Optional.empty(),
                    Optional.of(pidFile), false, capture, Duration.ZERO, Optional.empty(), Optional.empty()));

            assertTrue(log.at("WARN").contains("stale QEMU pid " + stale.pid()
                    + " from an earlier run with the same output directory: stopping it"), log.at("WARN").toString());
            assertTrue(stale.waitFor(1, TimeUnit.SECONDS), "the stale QEMU was stopped before the new one ran");
            TestQemu.assertGone(stale.pid(), Duration.ofSeconds(1));
            assertEquals(Outcome.GUEST_EXITED, result.outcome());
            TestQemu.assertGone(capture.pid(), Duration.ofSeconds(5));
        } finally {
            stale.destroyForcibly();
        }
    }

    @Test
    void pidFileOfAnUnrelatedLiveProcessIsOnlyRemoved() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");

        StaleQemu.stopIfRunning(pidFile, log);

        assertFalse(Files.exists(pidFile));
        assertTrue(log.at("WARN").isEmpty(), log.at("WARN").toString());
    }

    @Test
    void pidFileOfADeadProcessIsOnlyRemoved() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path pidFile = out.resolve("qemu.pid");
        Files.writeString(pidFile, Long.toString(finished.pid()));

        StaleQemu.stopIfRunning(pidFile, log);

        assertFalse(Files.exists(pidFile));
        assertTrue(log.at("WARN").isEmpty());
    }

    @Test
    void recognisesQemuOnlyWithTheSamePidFile() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        Path other = out.resolve("other.pid");
        // -S: never starts the guest CPU; QEMU only has to be alive for its /proc/pid/cmdline
        Process qemu = new ProcessBuilder("qemu-system-x86_64", "-accel", "tcg", "-S", "-nodefaults",
                "-display", "none", "-pidfile", pidFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitPidFile(pidFile, qemu);
            assertTrue(StaleQemu.isQemuWithPidFile(qemu.pid(), pidFile));
            assertFalse(StaleQemu.isQemuWithPidFile(qemu.pid(), other));
            assertFalse(StaleQemu.isQemuWithPidFile(ProcessHandle.current().pid(), pidFile));
            assertEquals(Optional.of(List.of("qemu-system-x86_64", "-accel", "tcg", "-S", "-nodefaults", "-display",
                    "none", "-pidfile", pidFile.toString())), ProcFs.commandLine(qemu.pid()));
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor();
        }
        TestQemu.assertGone(qemu.pid(), Duration.ofSeconds(5));
    }

    private static void awaitPidFile(Path pidFile, Process process) throws Exception {
        for (int i = 0; i < 300 && process.isAlive(); i++) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("QEMU wrote no pidfile " + pidFile + " (alive: " + process.isAlive() + ")");
    }
}
