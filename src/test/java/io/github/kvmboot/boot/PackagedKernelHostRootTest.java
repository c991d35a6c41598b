package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.testing.TestGuests;

/**
 * kvmboot.rootfs=host on Debian's cloud kernel, whose virtiofs, fuse and overlay are modules
 * (kvmboot.modules): the initramfs loads them, and the packaged modules are the guest's
 * /lib/modules/<release>. It has no 9p, so only virtiofs is covered here.
 */
class PackagedKernelHostRootTest {

    @TempDir
    Path dir;

    @Test
    void virtiofsWithTheModulesOfAPackagedKernel() throws Exception {
        ExecHarness harness = new ExecHarness(dir, TestGuests.kernel());
        harness.cli.put("kvmboot.timeout", "300");
        harness.cli.put("kvmboot.rootfs", "host");
        harness.cli.put("kvmboot.rootfsShare", "virtiofs");
        harness.cli.put("kvmboot.modules", TestGuests.modulesDir().toString());
        harness.cli.put("kvmboot.exec", "bash -c 'echo \"bash in $(uname -r)\"'; ls /lib/modules/$(uname -r)/kernel >/dev/null"
                + " && echo modules-visible; touch /etc/x && echo etc-writable");
        GuestRun run = harness.plan();
        GuestResult result;
        try {
            result = ExecHarness.run(run);
        } finally {
            HostRootExecTest.assertNoDaemonLeft(run);
        }
        String console = Files.readString(result.consoleLog());
        assertEquals(0, result.commandExitCode(), console);
        assertTrue(console.contains("bash in "), console);
        assertTrue(console.contains("modules-visible"), console);
        assertTrue(console.contains("etc-writable"), console);
    }
}
