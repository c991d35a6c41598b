package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        ExecHarness harness = new ExecHarness(dir, TestGuests.debugKernel());
        harness.cli.put("kvmboot.vmlinux", TestGuests.debugVmlinux().toString());
        harness.cli.put("kvmboot.gdb", "auto");
        harness.cli.put("kvmboot.gdbWait", "true");
        harness.cli.put("kvmboot.timeout", "240");
        harness.cli.put("kvmboot.exec", "echo after-gdb");
        GuestRun run = harness.plan();
        List<String> argv = run.command();
        int port = Integer.parseInt(argv.get(argv.indexOf("-gdb") + 1).substring("tcp:127.0.0.1:".length()));
        CompletableFuture<GuestResult> guest = CompletableFuture.supplyAsync(() -> {
            try {
                return ExecHarness.run(run);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(3000); // QEMU listening
        String gdb = gdbWithSymbols(port, TestGuests.debugVmlinux(), "hbreak start_kernel", "continue",
                "info symbol $pc", "detach");
        assertTrue(gdb.contains("start_kernel"), gdb);
        assertTrue(gdb.matches("(?s).*start_kernel \\(.*init/main\\.c:\\d+.*|.*start_kernel in section \\.init\\.text.*"), gdb);
        GuestResult result = guest.get(240, TimeUnit.SECONDS);
        assertEquals(0, result.commandExitCode());
    }

    @Test
    void aSysrqCrashIsDecodedToFileAndLineOfTheTree() throws Exception {
        ExecHarness harness = new ExecHarness(dir, TestGuests.debugKernel());
        harness.cli.put("kvmboot.vmlinux", TestGuests.debugVmlinux().toString());
        harness.cli.put("kvmboot.timeout", "240");
        harness.cli.put("kvmboot.exec", "echo c > /proc/sysrq-trigger; sleep 100");
        GuestRun run = harness.plan();
        GuestFailureException raw = ExecHarness.failingRun(run);
        assertEquals(Outcome.FAIL_PATTERN, raw.result().outcome());
        GuestFailureException decoded = new CrashDecoding(BuildLog.toStderr()).decorate(raw, run.debugging().vmlinux());
        String message = decoded.getMessage();
        assertTrue(message.startsWith(raw.getMessage()), "the raw excerpt is kept");
        Matcher fileLine = Pattern.compile("\\(([\\w/.-]+\\.[ch]):(\\d+)\\)").matcher(message.substring(raw.getMessage().length()));
        assertTrue(fileLine.find(), message);
        Path tree = TestGuests.linuxSource();
        assertTrue(Files.isRegularFile(tree.resolve(fileLine.group(1))), fileLine.group(1) + " is a source file of " + tree);
    }

    private static String gdbWithSymbols(int port, Path vmlinux, String... commands) throws Exception {
        String[] all = new String[commands.length + 1];
        all[0] = "file " + vmlinux;
        System.arraycopy(commands, 0, all, 1, commands.length);
        return GdbStubTest.gdbBatch(port, all);
    }
}
