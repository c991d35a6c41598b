package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.initramfs.InitramfsBuilder;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * Issue 13: guests of other architectures under TCG on this x86_64 host, their architecture read
 * from the kernel image. arm64: Debian's cloud kernel (virtio as modules from kvmboot.modules) with
 * Debian's arm64 busybox, the exec status channel a virtio-serial port found by its name. riscv64:
 * a self-built kernel with a tiny static init (Debian 12 has no riscv64 busybox) boots to its marker.
 */
class ForeignArchitectureTest {

    @TempDir
    Path dir;

    private ExecHarness arm64() throws Exception {
        ExecHarness harness = new ExecHarness(dir, TestGuests.arm64Kernel());
        harness.cli.put("kvmboot.modules", TestGuests.arm64ModulesDir().toString());
        harness.cli.put("kvmboot.busybox", TestGuests.arm64Busybox().toString());
        harness.cli.put("kvmboot.timeout", "300");
        harness.cli.put("kvmboot.memory", "512");
        return harness;
    }

    @Test
    void anArm64CommandRunsOnTheVirtBoardAndItsExitCodeDecides() throws Exception {
        ExecHarness harness = arm64();
        harness.cli.put("kvmboot.exec", "echo \"machine=$(uname -m)\"");
        GuestRun run = harness.plan();
        List<String> argv = run.command();
        assertTrue(argv.get(0).endsWith("qemu-system-aarch64"), argv.toString());
        assertEquals("virt", argv.get(argv.indexOf("-M") + 1), argv.toString());
        assertEquals("tcg", argv.get(argv.indexOf("-accel") + 1), "KVM only for the host's architecture");
        assertTrue(argv.get(argv.indexOf("-append") + 1).startsWith("console=ttyAMA0 "), argv.toString());
        assertTrue(argv.stream().anyMatch(a -> a.startsWith("virtserialport,") && a.contains("name=kvmboot.status")), argv.toString());
        GuestResult result = ExecHarness.run(run);
        assertEquals(Outcome.COMMAND_EXITED, result.outcome());
        assertEquals(0, result.commandExitCode());
        assertTrue(Files.readString(result.consoleLog()).contains("machine=aarch64"), "uname -m in the guest");
    }

    @Test
    void anArm64CommandsNonZeroExitFailsTheRun() throws Exception {
        ExecHarness harness = arm64();
        harness.cli.put("kvmboot.exec", "exit 3");
        var failure = ExecHarness.failingRun(harness.plan());
        assertEquals(3, failure.result().commandExitCode(), failure.getMessage());
    }

    /** The self-built arm64 kernel (kvmboot's qemu-arm64.config, everything built in: no kvmboot.modules). */
    @Test
    void aSelfBuiltArm64KernelRunsTheCommand() throws Exception {
        ExecHarness harness = new ExecHarness(dir, TestGuests.arm64BuiltKernel());
        harness.cli.put("kvmboot.busybox", TestGuests.arm64Busybox().toString());
        harness.cli.put("kvmboot.timeout", "300");
        harness.cli.put("kvmboot.memory", "256");
        harness.cli.put("kvmboot.exec", "echo \"self-built-$(uname -m)\"");
        GuestResult result = ExecHarness.run(harness.plan());
        assertEquals(0, result.commandExitCode());
        assertTrue(Files.readString(result.consoleLog()).contains("self-built-aarch64"));
    }

    @Test
    void aRiscv64KernelBootsToItsInitsMarker() throws Exception {
        Path initrd = dir.resolve("riscv-init.cpio.gz");
        InitramfsBuilder image = new InitramfsBuilder().directory("dev").directory("proc")
                .file("init", TestGuests.riscv64Init(), 0755);
        image.writeGzip(initrd);
        ExecHarness harness = new ExecHarness(dir, TestGuests.riscv64Kernel());
        harness.cli.put("kvmboot.initrd", initrd.toString());
        harness.cli.put("kvmboot.expect", "kvmboot-riscv64-init: up");
        harness.cli.put("kvmboot.timeout", "300");
        harness.cli.put("kvmboot.memory", "256");
        GuestRun run = harness.plan();
        List<String> argv = run.command();
        assertTrue(argv.get(0).endsWith("qemu-system-riscv64"), argv.toString());
        assertEquals("virt", argv.get(argv.indexOf("-M") + 1));
        GuestResult result = ExecHarness.run(run);
        assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        assertTrue(Files.readString(result.consoleLog()).contains("Linux version 6.1"), "the riscv64 kernel's banner");
    }

    @Test
    void anArchitectureThatContradictsTheKernelNamesBoth() throws Exception {
        assertRefused(Map.of("kvmboot.arch", "riscv64"), "kvmboot.arch", "is an arm64 kernel, not riscv64");
    }

    @Test
    void anUnknownArchitectureListsTheKnownOnes() throws Exception {
        assertRefused(Map.of("kvmboot.arch", "sparc64"), "sparc64", "x86_64, arm64, riscv64");
    }

    @Test
    void aBusyboxOfTheHostsArchitectureIsRefusedForAnArm64Guest() throws Exception {
        assertRefused(Map.of("kvmboot.busybox", TestGuests.busybox().toString()), "kvmboot.busybox",
                "is an x86_64 program, the guest is arm64", "busybox-static:arm64");
    }

    @Test
    void aMissingQemuForTheArchitectureNamesItsPackages() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin-without-qemu"));
        assertRefused(Map.of("PATH", bin.toString()), "qemu-system-aarch64", "qemu-system-arm",
                "Fedora: qemu-system-aarch64-core");
    }

    @Test
    void kvmForAForeignGuestIsRefused() throws Exception {
        assertRefused(Map.of("kvmboot.accel", "kvm"), "KVM runs only guests of the host's architecture (x86_64)");
    }

    /** Planning the arm64 exec guest with {@code changes} (PATH goes to the environment) fails naming all of {@code expected}. */
    private void assertRefused(Map<String, String> changes, String... expected) throws Exception {
        ExecHarness harness = arm64();
        harness.cli.put("kvmboot.exec", "true");
        changes.forEach((key, value) -> (key.equals("PATH") ? harness.env : harness.cli).put(key, value));
        SettingException e = assertThrows(SettingException.class, harness::plan);
        for (String text : expected) {
            assertTrue(e.getMessage().contains(text), text + " missing from: " + e.getMessage());
        }
    }
}
