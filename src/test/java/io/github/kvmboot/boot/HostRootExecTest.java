package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.testing.TestGuests;

/**
 * kvmboot.rootfs=host on the self-built test kernel with kvmboot-hostroot.config (virtiofs, 9p,
 * overlayfs, CONFIG_DUMMY=m), over virtiofs and 9p: host binaries busybox lacks, exit codes, the
 * read-only root, overlays, the working directory, a tree module loaded with modprobe, and no
 * virtiofsd left after the run. Every run proves its QEMU gone.
 */
class HostRootExecTest {

    @TempDir
    Path dir;

    private ExecHarness harness;

    @BeforeEach
    void guest() throws Exception {
        harness = new ExecHarness(dir, TestGuests.hostRootKernelTreeImage());
        harness.cli.put("kvmboot.timeout", "300");
        harness.cli.put("kvmboot.rootfs", "host");
    }

    private GuestResult run(String share, String command) throws Exception {
        harness.cli.put("kvmboot.rootfsShare", share);
        harness.cli.put("kvmboot.exec", command);
        GuestRun run = harness.plan();
        try {
            return ExecHarness.run(run);
        } finally {
            assertNoDaemonLeft(run);
        }
    }

    @Test
    void virtiofsRunsHostBinariesInTheWorkingDirectoryWithoutWritingTheHost() throws Exception {
        hostBinariesWorkingDirectoryAndReadOnlyRoot("virtiofs");
    }

    @Test
    void ninePRunsHostBinariesInTheWorkingDirectoryWithoutWritingTheHost() throws Exception {
        hostBinariesWorkingDirectoryAndReadOnlyRoot("9p");
    }

    private void hostBinariesWorkingDirectoryAndReadOnlyRoot(String share) throws Exception {
        String probe = "kvmboot-probe-" + UUID.randomUUID();
        GuestResult result = run(share, "set -e; bash -c 'echo bash-$((6*7))'; python3 -c 'print(\"py-\" + str(2**10))';"
                + " perl -e 'print \"perl-ok\\n\"'; echo \"cwd=$(pwd)\"; echo in-guest > /etc/" + probe + ";"
                + " cat /etc/" + probe + "; if touch /" + probe + " 2>/dev/null; then echo root-writable; else echo root-read-only; fi");
        String console = Files.readString(result.consoleLog());
        assertEquals(0, result.commandExitCode(), console);
        for (String expected : List.of("bash-42", "py-1024", "perl-ok", "cwd=" + dir.toAbsolutePath(), "in-guest",
                "root-read-only")) {
            assertTrue(console.contains(expected), expected + " missing from:\n" + console);
        }
        assertFalse(Files.exists(Path.of("/etc", probe)), "the guest's /etc write reached the host");
        assertFalse(Files.exists(Path.of("/", probe)), "the guest wrote the host's /");
    }

    @Test
    void aNonZeroExitOfAHostShellDecidesTheRun() throws Exception {
        harness.cli.put("kvmboot.rootfsShare", "virtiofs");
        harness.cli.put("kvmboot.exec", "bash -c 'exit 7'");
        GuestRun run = harness.plan();
        try {
            var e = ExecHarness.failingRun(run);
            assertEquals(7, e.result().commandExitCode(), e.getMessage());
        } finally {
            assertNoDaemonLeft(run);
        }
    }

    @Test
    void aTreeModuleIsLoadedWithModprobe() throws Exception {
        GuestResult result = run("virtiofs", "modprobe dummy && grep '^dummy ' /proc/modules && echo modprobe-ok");
        String console = Files.readString(result.consoleLog());
        assertEquals(0, result.commandExitCode(), console);
        assertTrue(console.contains("modprobe-ok"), console);
    }

    /** No process is left whose command line names this run's output directory (virtiofsd's socket is there). */
    static void assertNoDaemonLeft(GuestRun run) throws Exception {
        String out = run.outputDirectory().toAbsolutePath().toString();
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> left;
        do {
            left = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(out)
                    && p.info().commandLine().orElse("").contains("virtiofsd")).map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                    .toList();
            if (!left.isEmpty()) {
                Thread.sleep(100);
            }
        } while (!left.isEmpty() && System.nanoTime() < deadline);
        assertTrue(left.isEmpty(), "virtiofsd still running: " + left);
    }
}
