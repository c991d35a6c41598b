package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * kvmboot.gdb with gdbWait on a real guest: Debian's gdb in batch mode attaches to the stub,
 * reads a register of the CPU halted before its first instruction, and detaches (which continues
 * the guest); the guest then boots to its marker. The stub listens on 127.0.0.1 only, and the
 * no-output watchdog does not fire while the guest stands halted longer than its limit.
 */
class GdbStubTest {

    private static final Duration HELD_HALTED = Duration.ofSeconds(12);

    @TempDir
    Path dir;

    @Test
    void gdbAttachesToTheHaltedGuestWhichThenBootsToItsMarker() throws Exception {
        ExecHarness harness = new ExecHarness(dir, TestGuests.kernel());
        harness.cli.put("kvmboot.initrd", TestGuests.printAndPowerOff("GDB-CONTINUED-BOOT").toString());
        harness.cli.put("kvmboot.expect", "GDB-CONTINUED-BOOT");
        harness.cli.put("kvmboot.gdb", "auto");
        harness.cli.put("kvmboot.gdbWait", "true");
        harness.cli.put("kvmboot.noOutputTimeout", "8");
        harness.cli.put("kvmboot.timeout", "240");
        GuestRun run = harness.plan();
        int port = gdbPort(run);
        CompletableFuture<GuestResult> guest = runInBackground(run);
        List<String> listeners = awaitListening(port, guest);
        assertEquals(List.of("0100007F"), listeners, "the stub listens on 127.0.0.1 only: " + listeners);

        Thread.sleep(HELD_HALTED.toMillis()); // longer than kvmboot.noOutputTimeout, while nothing runs
        assertFalse(guest.isDone(), () -> "the watchdog fired on a halted guest: " + guest.join());
        String gdb = gdbBatch(port, "info registers rip", "detach");
        assertTrue(gdb.toLowerCase(Locale.ROOT).matches("(?s).*rip\\s+0xfff0\\b.*"),
                "the CPU stands at the reset vector before its first instruction:\n" + gdb);

        GuestResult result = guest.get(240, TimeUnit.SECONDS);
        assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        assertTrue(Files.readString(result.consoleLog()).contains("nokaslr"), "nokaslr on the kernel command line");
    }

    /** The port of the planned {@code -gdb tcp:127.0.0.1:<port>}. */
    static int gdbPort(GuestRun run) {
        List<String> argv = run.command();
        return Integer.parseInt(argv.get(argv.indexOf("-gdb") + 1).substring("tcp:127.0.0.1:".length()));
    }

    /** The guest's whole run on another thread, so the test can attach gdb meanwhile. */
    static CompletableFuture<GuestResult> runInBackground(GuestRun run) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ExecHarness.run(run);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    /** The local addresses (hex, as in /proc/net/tcp) listening on {@code port}, once there is one. */
    static List<String> awaitListening(int port, CompletableFuture<?> guest) throws Exception {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && !guest.isDone()) {
            List<String> found = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) { // 0A = LISTEN
                        found.add(fields[1].substring(0, fields[1].length() - hexPort.length()));
                    }
                }
            }
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing listens on port " + port + (guest.isDone() ? ": " + guest.join() : ""));
    }

    static String gdbBatch(int port, String... commands) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("gdb", "-batch", "-nx", "-ex", "set architecture i386:x86-64",
                "-ex", "target remote 127.0.0.1:" + port));
        for (String command : commands) {
            argv.add("-ex");
            argv.add(command);
        }
        Process gdb = new ProcessBuilder(argv).redirectErrorStream(true).start();
        gdb.getOutputStream().close();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!gdb.waitFor(120, TimeUnit.SECONDS)) {
            gdb.destroyForcibly();
            throw new AssertionError("gdb did not finish: " + output.getNow(""));
        }
        return output.join();
    }
}
