package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * The self-built kernel with debug info (src/test/kernel/kvmboot-debug.config): gdb stops at a
 * hardware breakpoint on start_kernel using its vmlinux, and a sysrq crash is decoded to file:line
 * of a source file of the tree.
 */
class DebugKernelTest {

    @TempDir
    Path dir;

    @Test
    void gdbStopsAtStartKernelWithTheTreesVmlinuxThenTheGuestBoots() throws Exception {
        ExecHarness harness = debugKernelHarness();
        harness.cli.put("kvmboot.gdb", "auto");
        harness.cli.put("kvmboot.gdbWait", "true");
        harness.cli.put("kvmboot.exec", "echo after-gdb");
        GuestRun run = harness.plan();
        int port = GdbStubTest.gdbPort(run);
        CompletableFuture<GuestResult> guest = GdbStubTest.runInBackground(run);
        GdbStubTest.awaitListening(port, guest);
        String gdb = gdbWithSymbols(port, TestGuests.debugVmlinux(), "hbreak start_kernel", "continue",
                "info symbol $pc", "detach");
        assertTrue(gdb.contains("start_kernel"), gdb);
        assertTrue(gdb.matches("(?s).*start_kernel \\(.*init/main\\.c:\\d+.*|.*start_kernel in section \\.init\\.text.*"), gdb);
        GuestResult result = guest.get(240, TimeUnit.SECONDS);
        assertEquals(0, result.commandExitCode());
    }

    @Test
    void aSysrqCrashIsDecodedToFileAndLineOfTheTreeInTheFailureAndTheJunitReport() throws Exception {
        ExecHarness harness = debugKernelHarness();
        harness.cli.put("kvmboot.exec", "echo c > /proc/sysrq-trigger; sleep 100");
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2,
                harness.env, false, dir.resolve("cache"));
        GuestFailureException failure;
        try {
            failure = assertThrows(GuestFailureException.class, () -> new BootRun(BuildLog.toStderr(), host).run(
                    new SettingsResolver(Map.of(), harness.cli, Map.of(), harness.env).resolve(), "crash",
                    Optional.of(dir.resolve("reports")), (k, v) -> { }));
        } finally {
            ExecHarness.assertQemuGone(harness.plan());
        }
        assertEquals(Outcome.FAIL_PATTERN, failure.result().outcome());
        String message = failure.getMessage();
        System.err.println("the failure as the user reads it:\n" + message);
        int decodedAt = message.indexOf("\nDecoded (scripts/decode_stacktrace.sh ");
        assertTrue(decodedAt > 0, "no decoded excerpt after the raw one:\n" + message);
        assertTrue(message.substring(0, decodedAt).contains("Call Trace:"), "the raw excerpt is kept");
        Matcher fileLine = Pattern.compile("\\b([\\w/.-]+\\.[ch]):(\\d+)\\b").matcher(message.substring(decodedAt));
        assertTrue(fileLine.find(), message);
        Path tree = TestGuests.linuxSource();
        assertTrue(Files.isRegularFile(tree.resolve(fileLine.group(1))), fileLine.group(1) + " is a source file of " + tree);
        try (var reports = Files.list(dir.resolve("reports"))) {
            Path xml = reports.filter(f -> f.getFileName().toString().endsWith(".xml")).findFirst().orElseThrow();
            assertTrue(Files.readString(xml).contains(fileLine.group(1) + ":" + fileLine.group(2)),
                    "the JUnit failure lacks the decoded excerpt: " + xml);
        }
    }

    private ExecHarness debugKernelHarness() throws Exception {
        ExecHarness harness = new ExecHarness(dir, TestGuests.debugKernel());
        harness.cli.put("kvmboot.vmlinux", TestGuests.debugVmlinux().toString());
        harness.cli.put("kvmboot.timeout", "240");
        return harness;
    }

    private static String gdbWithSymbols(int port, Path vmlinux, String... commands) throws Exception {
        String[] all = new String[commands.length + 1];
        all[0] = "file " + vmlinux;
        System.arraycopy(commands, 0, all, 1, commands.length);
        return GdbStubTest.gdbBatch(port, all);
    }
}
