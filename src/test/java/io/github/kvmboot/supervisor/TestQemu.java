package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.kvmboot.process.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.kvmboot.testing.TestGuests;

/** Hand-built QEMU command lines for the test kernel (TCG: KVM hangs on our machines). */
final class TestQemu {

    static final Pattern DEFAULT_FAIL_ON =
            Pattern.compile("Kernel panic - not syncing|Oops|BUG:|KASAN|general protection fault");

    private TestQemu() {
    }

    /** Console on stdio, ttyS1 and the HMP monitor on ptys, a pidfile, optionally QMP. */
    static List<String> command(Path initrd, Path pidFile, Path qmpSocket, String... extra)
            throws IOException, InterruptedException {
        return commandWithKernel(TestGuests.kernel(), initrd, pidFile, qmpSocket, extra);
    }

    static List<String> commandWithKernel(Path kernel, Path initrd, Path pidFile, Path qmpSocket, String... extra) {
        List<String> argv = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-nodefaults",
                "-no-user-config", "-display", "none",
                "-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
                "-chardev", "pty,id=ttyS1", "-serial", "chardev:ttyS1",
                "-chardev", "pty,id=monitor", "-mon", "chardev=monitor,mode=readline",
                "-m", "512", "-kernel", kernel.toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyS0 panic=-1", "-no-reboot",
                "-pidfile", pidFile.toString()));
        if (qmpSocket != null) {
            argv.addAll(List.of("-chardev", "socket,id=qmp,path=" + qmpSocket + ",server=on,wait=off",
                    "-mon", "chardev=qmp,mode=control"));
        }
        argv.addAll(List.of(extra));
        return argv;
    }

    /** No process runs with {@code fragment} in its command line (e.g. a test's unique pidfile path). */
    static void assertNoProcessMentioning(String fragment) throws IOException {
        try (java.util.stream.Stream<Path> procs = Files.list(Paths.get("/proc"))) {
            List<String> found = procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .filter(ProcFs::isRunning)
                    .map(pid -> pid + " " + ProcFs.commandLine(pid).orElse(List.of()))
                    .filter(line -> line.contains(fragment))
                    .toList();
            if (!found.isEmpty()) {
                fail("still running: " + found);
            }
        }
    }

    static long readPid(Path pidFile) throws IOException {
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /**
     * Asserts the process has exited within {@code timeout} (a zombie counts: it no longer runs,
     * only its reaper has not collected it yet) and then that /proc/pid disappears, which for an
     * orphan re-parented to init takes up to ~2 s more here.
     */
    static void assertGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ProcFs.isRunning(pid)) {
            if (System.nanoTime() - deadline >= 0) {
                fail("QEMU pid " + pid + " still runs " + timeout.toSeconds() + " s later: "
                        + ProcFs.commandLine(pid).orElse(List.of()));
            }
            Thread.sleep(50);
        }
        long reapDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Files.exists(Paths.get("/proc", Long.toString(pid)))) {
            if (System.nanoTime() - reapDeadline >= 0) {
                fail("QEMU pid " + pid + " exited but was never reaped");
            }
            Thread.sleep(50);
        }
    }
}
