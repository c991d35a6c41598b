package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * kvmboot.pvh=auto under TCG boots Debian's cloud kernel through QEMU's PVH entry, and the guest runs
 * as before; the default, the seed's set and suspend to RAM boot the bzImage.
 */
class PvhBootTest {

    @TempDir
    Path dir;

    @Test
    void autoBootsTheExtractedVmlinuxAndTheCommandRuns() throws Exception {
        ExecHarness harness = new ExecHarness(dir, TestGuests.kernel());
        harness.cli.put("kvmboot.pvh", "auto");
        harness.cli.put("kvmboot.exec", "echo pvh-$(uname -r)");
        harness.cli.put("kvmboot.memory", "256");
        GuestRun run = harness.plan();
        List<String> argv = run.command();
        String booted = argv.get(argv.indexOf("-kernel") + 1);
        assertTrue(booted.startsWith(dir.resolve("cache/pvh").toString()), booted);
        GuestResult result = ExecHarness.run(run);
        assertEquals(Outcome.COMMAND_EXITED, result.outcome());
        assertTrue(Files.readString(result.consoleLog()).contains("pvh-6.1.0"), "the command ran");
    }

    @Test
    void theDefaultTheSeedSetAndSuspendToRamBootTheBzImage() throws Exception {
        for (String[] setting : new String[][] {{"kvmboot.pvh", "off"}, {"kvmboot.deviceSet", "seed"},
                {"kvmboot.suspend", "mem"}}) {
            ExecHarness harness = new ExecHarness(dir, TestGuests.kernel());
            harness.cli.put("kvmboot.exec", "true");
            if (!setting[0].equals("kvmboot.pvh")) {
                harness.cli.put("kvmboot.pvh", "auto");
            }
            harness.cli.put(setting[0], setting[1]);
            List<String> argv = harness.plan().command();
            assertEquals(TestGuests.kernel().toString(), argv.get(argv.indexOf("-kernel") + 1), String.join("=", setting));
        }
    }
}
