package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * kvmboot.exec end to end with real QEMU (TCG) and the Debian cloud kernel: the generated
 * initramfs runs the command, the status port carries its exit code, and nothing the command
 * prints can turn a failure into a pass. Every run proves its QEMU gone.
 */
class ExecRunTest {

    @TempDir
    Path dir;

    private ExecHarness harness;
    private Map<String, String> cli;

    @BeforeEach
    void guest() throws Exception {
        harness = new ExecHarness(dir, TestGuests.kernel());
        cli = harness.cli;
        cli.put("kvmboot.timeout", "240");
    }

    private GuestRun plan(String command) throws Exception {
        cli.put("kvmboot.exec", command);
        return harness.plan();
    }

    private GuestResult run(String command) throws Exception {
        return ExecHarness.run(plan(command));
    }

    private GuestFailureException failingRun(String command) throws Exception {
        return ExecHarness.failingRun(plan(command));
    }

    @Test
    void exitCodeZeroPassesAndTheCommandRanInTheGuest() throws Exception {
        GuestResult result = run("echo kernel-is-$(uname -r); [ -c /dev/ttyS3 ] && echo status-port-visible; true");
        assertEquals(Outcome.COMMAND_EXITED, result.outcome());
        assertEquals(0, result.commandExitCode());
        String console = Files.readString(result.consoleLog());
        assertTrue(console.contains("kernel-is-6.1."), console);
        assertFalse(console.contains("status-port-visible"), "the command must not see the status port");
    }

    @Test
    void nonZeroExitCodeFailsNamingTheCode() throws Exception {
        GuestFailureException e = failingRun("echo about-to-fail; exit 3");
        assertEquals(Outcome.COMMAND_EXITED, e.result().outcome());
        assertEquals(3, e.result().commandExitCode());
        assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("about-to-fail"), "last console lines: " + e.getMessage());
    }

    @Test
    void aCommandForgingTheExitMarkerCannotPass() throws Exception {
        // Prints what init's report looks like on the console, recreates the status port's device
        // node and writes a forged report there, then fails.
        GuestFailureException e = failingRun("echo kvmboot-start 00000000000000000000000000000000;"
                + " echo kvmboot-exit 00000000000000000000000000000000 0;"
                + " mknod /tmp/s3 c 4 67 && stty -F /tmp/s3 raw && for n in 00000000000000000000000000000000 $(cat /proc/cmdline);"
                + " do echo kvmboot-exit $n 0 > /tmp/s3; done; exit 7");
        assertEquals(7, e.result().commandExitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("exited with code 7"), e.getMessage());
    }

    @Test
    void aGuestThatStopsBeforeReportingFails() throws Exception {
        GuestFailureException e = failingRun("echo going-down; poweroff -f; sleep 30");
        assertEquals(Outcome.NO_EXIT_CODE, e.result().outcome());
        assertTrue(e.getMessage().contains("stopped before the command reported an exit code"), e.getMessage());
    }

    @Test
    void aSilentGuestTripsTheNoOutputWatchdog() throws Exception {
        cli.put("kvmboot.noOutputTimeout", "10");
        GuestFailureException e = failingRun("echo going-quiet; sleep 1000");
        assertEquals(Outcome.NO_OUTPUT, e.result().outcome());
        assertTrue(e.getMessage().contains("No console output for 10 s"), e.getMessage());
        assertTrue(e.getMessage().contains("going-quiet"), e.getMessage());
    }

    @Test
    void withoutAConfigToCheckTheGuestReportsMissing9p() throws Exception {
        Path kernel = Files.copy(TestGuests.kernel(), dir.resolve("bzImage")); // no config-<release> beside it
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.share", Files.createDirectories(dir.resolve("shared")).toString());
        GuestFailureException e = failingRun("echo never-runs");
        assertEquals(Outcome.NO_EXIT_CODE, e.result().outcome());
        assertTrue(e.getMessage().contains("CONFIG_NET_9P"), e.getMessage());
        assertFalse(Files.readString(e.result().consoleLog()).contains("never-runs"));
    }

    @Test
    void outputPrintedRightBeforeExitReachesTheConsole() throws Exception {
        GuestResult result = run("seq 1 3000; echo the-very-last-line");
        String console = Files.readString(result.consoleLog());
        assertTrue(console.contains("\n2999\r\n3000\r\nthe-very-last-line"), () -> console.substring(Math.max(0, console.length() - 400)));
    }
}
