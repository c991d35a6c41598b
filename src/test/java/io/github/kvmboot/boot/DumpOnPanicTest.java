package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.supervisor.Vmcore;
import io.github.kvmboot.testing.TestGuests;

/**
 * kvmboot.dumpOnPanic on the self-built test kernel (pvpanic-pci built in): a sysrq crash leaves a
 * vmcore that readelf reads as an ELF core with the guest's notes, of about the guest's memory
 * size, named in the failure and in result.json; QEMU is gone afterwards (ExecHarness).
 */
class DumpOnPanicTest {

    private static final long MEMORY_MIB = 192;

    @TempDir
    Path dir;

    private ExecHarness harness;

    @BeforeEach
    void guest() throws Exception {
        harness = new ExecHarness(dir, TestGuests.builtKernel());
        harness.cli.put("kvmboot.timeout", "240");
        harness.cli.put("kvmboot.memory", Long.toString(MEMORY_MIB));
        harness.cli.put("kvmboot.dumpOnPanic", "true");
        harness.cli.put("kvmboot.exec", "echo c > /proc/sysrq-trigger; sleep 100");
    }

    @Test
    void aPanicReportedByPvpanicAloneIsDumped() throws Exception {
        harness.cli.put("kvmboot.failOn", "none");
        GuestFailureException e = ExecHarness.failingRun(harness.plan());
        assertEquals(Outcome.GUEST_PANICKED, e.result().outcome(), e.getMessage());
        assertDumped(e);
    }

    @Test
    void aPanicMatchingTheFailPatternIsDumpedAfterItsContextLines() throws Exception {
        GuestFailureException e = ExecHarness.failingRun(harness.plan());
        assertEquals(Outcome.FAIL_PATTERN, e.result().outcome(), e.getMessage());
        assertTrue(e.getMessage().contains("Kernel panic - not syncing"), e.getMessage());
        assertDumped(e);
    }

    private void assertDumped(GuestFailureException e) throws Exception {
        Path vmcore = dir.resolve("out/vmcore");
        Vmcore dump = e.result().vmcore().orElseThrow(() -> new AssertionError("no dump: " + e.getMessage()));
        assertEquals(vmcore.toAbsolutePath(), dump.file());
        assertFalse(Files.exists(dir.resolve("out/vmcore.part")), "the partial file was renamed");
        long size = Files.size(vmcore);
        assertEquals(size, dump.bytes());
        assertTrue(size > (MEMORY_MIB - 8) << 20 && size < (MEMORY_MIB + 16) << 20,
                "about the guest's memory (" + MEMORY_MIB + " MiB): " + size + " bytes");
        assertTrue(e.getMessage().contains("crash vmlinux " + dump.file()), e.getMessage());

        String header = readelf("-h", vmcore);
        assertTrue(header.matches("(?s).*Type:\\s+CORE \\(Core file\\).*"), header);
        assertTrue(header.matches("(?s).*Machine:\\s+Advanced Micro Devices X86-64.*"), header);
        String notes = readelf("-n", vmcore);
        assertTrue(notes.contains("NT_PRSTATUS"), "the vCPU's registers: " + notes);
        assertTrue(notes.contains("QEMU"), "QEMU's CPU state notes: " + notes);

        JsonNode result = new ObjectMapper().readTree(dir.resolve("out/result.json").toFile());
        assertEquals(dump.file().toString(), result.path("vmcore").asText());
        assertEquals(size, result.path("vmcoreBytes").asLong());
    }

    private static String readelf(String option, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("readelf", "-W", option, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "readelf " + option + ": " + out);
        return out;
    }
}
