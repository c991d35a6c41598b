package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.GuestSupervisor;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * kvmboot.exec on the self-built test kernel (9p, pvpanic-pci built in): shares and panics
 * detected by QEMU rather than by the console. Every run proves its QEMU gone.
 */
class BuiltKernelExecTest {

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void guest() throws Exception {
        env.put("PATH", System.getenv("PATH"));
        cli.put("kernel", TestGuests.builtKernel().toString());
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "none");
        cli.put("kvmboot.timeout", "240");
    }

    private GuestRun plan(String command) throws Exception {
        cli.put("kvmboot.exec", command);
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new BootPlanner(BuildLog.toStderr(), host)
                .plan(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), GuestListener.NONE).guestRun();
    }

    private GuestResult run(GuestRun run) throws Exception {
        try {
            return new GuestSupervisor(BuildLog.toStderr()).run(run);
        } finally {
            assertGone(run);
        }
    }

    private GuestFailureException failingRun(GuestRun run) throws Exception {
        try {
            return assertThrows(GuestFailureException.class, () -> new GuestSupervisor(BuildLog.toStderr()).run(run));
        } finally {
            assertGone(run);
        }
    }

    private static void assertGone(GuestRun run) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.outputDirectory().resolve("result.json").toFile()).path("qemuPid");
        if (json.isNumber()) {
            var handle = ProcessHandle.of(json.asLong());
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (handle.isPresent() && handle.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(handle.isEmpty() || !handle.get().isAlive(), "QEMU pid " + json + " still running");
        }
    }

    @Test
    void twoSharesAreReadableAndWritableInTheGuest() throws Exception {
        Path b = Files.createDirectories(dir.resolve("b"));
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Files.writeString(plain.resolve("in.txt"), "content-of-plain\n");
        cli.put("kvmboot.share", b + "," + plain + ":/mnt/p");
        GuestResult result = run(plan("cat /mnt/p/in.txt && echo from-guest > /share/b/out.txt"));
        assertEquals(0, result.commandExitCode());
        assertTrue(Files.readString(result.consoleLog()).contains("content-of-plain"));
        assertEquals("from-guest\n", Files.readString(b.resolve("out.txt")));
    }

    @Test
    void aPanicIsDetectedByQemuEvenWithoutConsolePatterns() throws Exception {
        cli.put("kvmboot.failOn", "none");
        GuestFailureException e = failingRun(plan("echo before-the-panic; echo c > /proc/sysrq-trigger; sleep 100"));
        assertEquals(Outcome.GUEST_PANICKED, e.result().outcome(), e.getMessage());
        assertTrue(e.result().guestPanicked());
        assertTrue(e.getMessage().contains("GUEST_PANICKED"), e.getMessage());
    }

    @Test
    void aPanicMatchingTheConsolePatternAlsoRecordsGuestPanicked() throws Exception {
        GuestFailureException e = failingRun(plan("echo c > /proc/sysrq-trigger; sleep 100"));
        assertEquals(Outcome.FAIL_PATTERN, e.result().outcome(), e.getMessage());
        assertTrue(e.result().qmpEvents().contains("GUEST_PANICKED"), e.result().qmpEvents()::toString);
        assertTrue(e.getMessage().contains("Kernel panic - not syncing"), e.getMessage());
        assertTrue(Files.readString(e.result().consoleLog().resolveSibling("result.json")).contains("\"guestPanicked\" : true"));
    }
}
