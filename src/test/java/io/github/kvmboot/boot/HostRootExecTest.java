package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
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

    @Test
    void ktapPrintedByAHostBinaryBecomesJunitCases() throws Exception {
        harness.cli.put("kvmboot.rootfsShare", "virtiofs");
        harness.cli.put("kvmboot.ktap", "report");
        // the way kselftest's runner prints, from the host's bash (busybox has no bash)
        harness.cli.put("kvmboot.exec", "bash -c 'printf \"KTAP version 1\\n1..3\\nok 1 host_bash_%s\\n"
                + "not ok 2 host_fails\\nok 3 host_skipped # SKIP no hardware\\n\" \"$BASH_VERSINFO\"'");
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2,
                harness.env, false, dir.resolve("cache"));
        try {
            GuestResult result = new BootRun(BuildLog.toStderr(), host).run(
                    new SettingsResolver(Map.of(), harness.cli, Map.of(), harness.env).resolve(), "hostktap",
                    Optional.of(dir.resolve("reports")), (k, v) -> { });
            assertEquals(0, result.commandExitCode());
        } finally {
            assertNoDaemonLeft(harness.plan());
        }
        String xml;
        try (var reports = Files.list(dir.resolve("reports"))) {
            xml = Files.readString(reports.filter(f -> f.getFileName().toString().endsWith(".xml")).findFirst().orElseThrow());
        }
        String bashMajor = Integer.toString(hostBashMajor());
        assertTrue(xml.contains("host_bash_" + bashMajor), "the passing case (named by the host's bash) is missing:\n" + xml);
        assertTrue(xml.matches("(?s).*name=\"host_fails\".*<failure.*"), "the failing case is not a failure:\n" + xml);
        assertTrue(xml.matches("(?s).*name=\"host_skipped\".*<skipped.*"), "the skipped case is not skipped:\n" + xml);
    }

    @Test
    void aVirtiofsdThatCannotStartFailsWithItsOwnWordsAndThe9pWayOut() throws Exception {
        Path daemon = dir.resolve("broken-virtiofsd");
        Files.writeString(daemon, "#!/bin/sh\necho \"virtiofsd: cannot open the shared directory (test)\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(daemon, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        harness.cli.put("kvmboot.virtiofsd", daemon.toString());
        harness.cli.put("kvmboot.rootfsShare", "virtiofs");
        harness.cli.put("kvmboot.exec", "true");
        GuestRun run = harness.plan();
        var e = ExecHarness.failingRun(run);
        assertTrue(e.getMessage().contains("cannot open the shared directory (test)"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dkvmboot.rootfsShare=9p"), e.getMessage());
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(
                run.outputDirectory().toAbsolutePath().toString()) && p.info().commandLine().orElse("").contains("qemu")),
                "QEMU started although its root file system daemon did not");
    }

    private static int hostBashMajor() throws Exception {
        Process bash = new ProcessBuilder("bash", "-c", "echo $BASH_VERSINFO").start();
        return Integer.parseInt(new String(bash.getInputStream().readAllBytes()).trim());
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
