package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * kvmboot.exec on the self-built test kernel (9p, pvpanic-pci built in): shares and panics
 * detected by QEMU rather than by the console. Every run proves its QEMU gone.
 */
class BuiltKernelExecTest {

    @TempDir
    Path dir;

    private ExecHarness harness;
    private Map<String, String> cli;

    @BeforeEach
    void guest() throws Exception {
        harness = new ExecHarness(dir, TestGuests.builtKernel());
        cli = harness.cli;
        cli.put("kvmboot.timeout", "240");
    }

    private GuestRun plan(String command) throws Exception {
        cli.put("kvmboot.exec", command);
        return harness.plan();
    }

    private GuestResult run(GuestRun run) throws Exception {
        return ExecHarness.run(run);
    }

    private GuestFailureException failingRun(GuestRun run) throws Exception {
        return ExecHarness.failingRun(run);
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
