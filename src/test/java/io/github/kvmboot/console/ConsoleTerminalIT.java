package io.github.kvmboot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.TestGuests;

/**
 * Issue 17: the interactive console in a real terminal (tmux), the real installed plugin in a real
 * Maven, a real guest: kvmboot's generated shell initramfs (no initramfs in the boot directory).
 * Ctrl-C reaches the guest's foreground job, arrow keys reach busybox vi, Ctrl-A x and poweroff end
 * the goal with success, no QEMU is left and the terminal's settings are back as they were.
 */
class ConsoleTerminalIT {

    private static final long BOOT_MILLIS = 240_000;
    private static final long STEP_MILLIS = 60_000;

    @TempDir
    Path workDir;

    private Path out;
    private Path consoleLog;

    @BeforeEach
    void paths() {
        out = workDir.resolve("out");
        consoleLog = out.resolve("console.log");
    }

    @Test
    void ctrlCReachesTheGuestArrowKeysReachViAndCtrlAXEndsTheGoal() throws Exception {
        try (TmuxPane pane = new TmuxPane()) {
            startMaven(pane, "");
            waitForConsole(pane, "interactive busybox shell", BOOT_MILLIS);
            waitForConsole(pane, " # ", STEP_MILLIS);
            long qemuPid = Long.parseLong(Files.readString(out.resolve("qemu.pid")).trim());

            pane.type("sleep 100");
            pane.keys("Enter");
            Thread.sleep(1500);
            pane.keys("C-c");
            pane.type("echo KVMBOOT-AFTER-$((6*7))");
            pane.keys("Enter");
            waitForConsole(pane, "KVMBOOT-AFTER-42", STEP_MILLIS);
            assertTrue(ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false),
                    "Ctrl-C went to the guest's sleep, not to Maven or QEMU");

            // vi: type abc, leave insert mode (cursor on c), two arrow-key moves left, insert X
            pane.type("vi /tmp/f");
            pane.keys("Enter");
            Thread.sleep(2000);
            pane.type("iabc");
            pane.keys("Escape");
            Thread.sleep(500);
            pane.keys("Left");
            Thread.sleep(300);
            pane.keys("Left");
            Thread.sleep(300);
            pane.type("iX");
            pane.keys("Escape");
            Thread.sleep(500);
            pane.type(":wq");
            pane.keys("Enter");
            Thread.sleep(1000);
            pane.type("echo CONTENT=$(cat /tmp/f)=");
            pane.keys("Enter");
            waitForConsole(pane, "CONTENT=Xabc=", STEP_MILLIS);

            pane.keys("C-a", "x");
            waitForFile(pane, workDir.resolve("rc"), STEP_MILLIS);
            assertEquals("0", Files.readString(workDir.resolve("rc")).trim(), () -> "Maven's exit code; pane:\n" + screen(pane));
            String screen = pane.screen();
            assertTrue(screen.contains("interactive console (raw terminal)") && screen.contains("Ctrl-A x"), screen);
            assertTrue(screen.contains("BUILD SUCCESS"), screen);
            assertGone(qemuPid);
            assertEquals(Files.readString(workDir.resolve("before.stty")), Files.readString(workDir.resolve("after.stty")),
                    "the terminal's settings after the run equal those before");
        }
    }

    @Test
    void poweroffInTheGeneratedShellEndsTheGoalWithSuccess() throws Exception {
        try (TmuxPane pane = new TmuxPane()) {
            startMaven(pane, "");
            waitForConsole(pane, "interactive busybox shell", BOOT_MILLIS);
            waitForConsole(pane, " # ", STEP_MILLIS);
            long qemuPid = Long.parseLong(Files.readString(out.resolve("qemu.pid")).trim());
            pane.type("echo SIZE=$(stty size)=");
            pane.keys("Enter");
            waitForConsole(pane, "SIZE=40 120=", STEP_MILLIS); // the pane's rows and columns
            pane.keys("C-a", "h");
            pane.type("poweroff");
            pane.keys("Enter");
            waitForFile(pane, workDir.resolve("rc"), STEP_MILLIS);
            assertEquals("0", Files.readString(workDir.resolve("rc")).trim(), () -> "Maven's exit code; pane:\n" + screen(pane));
            String screen = pane.screen();
            assertTrue(screen.contains("Ctrl-A Ctrl-A  send Ctrl-A"), () -> "Ctrl-A h printed the keys:\n" + screen);
            assertTrue(screen.contains("BUILD SUCCESS"), screen);
            assertGone(qemuPid);
            assertEquals(Files.readString(workDir.resolve("before.stty")), Files.readString(workDir.resolve("after.stty")));
        }
    }

    @Test
    void sigtermAndTimeoutRestoreTheTerminal() throws Exception {
        try (TmuxPane pane = new TmuxPane()) {
            startMaven(pane, "-Dkvmboot.timeout=600");
            waitForConsole(pane, "interactive busybox shell", BOOT_MILLIS);
            long qemuPid = Long.parseLong(Files.readString(out.resolve("qemu.pid")).trim());
            long mavenPid = ProcessHandle.of(qemuPid).flatMap(ProcessHandle::parent).orElseThrow().pid();
            new ProcessBuilder("kill", "-TERM", Long.toString(mavenPid)).inheritIO().start().waitFor();
            waitForFile(pane, workDir.resolve("rc"), STEP_MILLIS);
            assertGone(qemuPid);
            assertEquals(Files.readString(workDir.resolve("before.stty")), Files.readString(workDir.resolve("after.stty")),
                    () -> "SIGTERM: the shutdown hook restored the terminal; pane:\n" + screen(pane));
        }
        Files.delete(workDir.resolve("rc"));
        try (TmuxPane pane = new TmuxPane()) {
            startMaven(pane, "-Dkvmboot.timeout=1");
            waitForFile(pane, workDir.resolve("rc"), BOOT_MILLIS);
            String screen = pane.screen();
            assertEquals("1", Files.readString(workDir.resolve("rc")).trim(), screen);
            assertTrue(screen.contains("Timed out after 1 s"), screen);
            assertEquals(Files.readString(workDir.resolve("before.stty")), Files.readString(workDir.resolve("after.stty")),
                    "a failed run restores the terminal");
        }
    }

    /** Issue 12: rootfs=host without exec is an interactive login shell of the host's bash in the guest. */
    @Test
    void rootfsHostWithoutExecIsAnInteractiveShellInTheHostsUserland() throws Exception {
        try (TmuxPane pane = new TmuxPane()) {
            startMaven(pane, "-Dkvmboot.rootfs=host -Dkvmboot.modules=" + TestGuests.modulesDir());
            waitForConsole(pane, "Run /init as init process", BOOT_MILLIS);
            long qemuPid = Long.parseLong(Files.readString(out.resolve("qemu.pid")).trim());
            // typed until the shell answers (what is typed before it reads waits in the tty's buffer anyway)
            waitFor(pane, "the host shell's answer", () -> {
                if (Files.readString(consoleLog).contains("SHELL-UP-42")) {
                    return true;
                }
                pane.type("echo SHELL-UP-$((40+2))");
                pane.keys("Enter");
                Thread.sleep(3000);
                return Files.readString(consoleLog).contains("SHELL-UP-42");
            }, BOOT_MILLIS);
            pane.type("echo \"$0 $BASH_VERSION\" | sed 's/^/HOST-SHELL: /'; python3 -c 'print(\"PY-\" + str(6*7))'");
            pane.keys("Enter");
            waitForConsole(pane, "PY-42", STEP_MILLIS);
            assertTrue(console().matches("(?s).*HOST-SHELL: -?(/bin/)?bash \\d.*"), "not the host's bash:\n" + console());
            pane.type("exit");
            pane.keys("Enter");
            waitForFile(pane, workDir.resolve("rc"), STEP_MILLIS);
            assertEquals("0", Files.readString(workDir.resolve("rc")).trim(), () -> "Maven's exit code; pane:\n" + screen(pane));
            assertGone(qemuPid);
            assertEquals(Files.readString(workDir.resolve("before.stty")), Files.readString(workDir.resolve("after.stty")));
        }
    }

    @Test
    void stdinThatIsNotATerminalLeavesTheTerminalAlone() throws Exception {
        try (TmuxPane pane = new TmuxPane()) {
            // stdout is the pane, stdin is not a terminal: no raw mode, no forwarding, as before
            startMaven(pane, "-Dkvmboot.exec='echo KVMBOOT-EXEC-$((2*21))' </dev/null");
            waitForFile(pane, workDir.resolve("rc"), BOOT_MILLIS);
            String screen = pane.screen();
            assertEquals("0", Files.readString(workDir.resolve("rc")).trim(), screen);
            assertTrue(Files.readString(consoleLog).contains("KVMBOOT-EXEC-42"));
            assertFalse(screen.contains("interactive console"), screen);
            assertFalse(screen.contains("refused raw mode"), screen);
            assertEquals(Files.readString(workDir.resolve("before.stty")), Files.readString(workDir.resolve("after.stty")));
        }
    }

    /** Runs the plugin's boot goal in the pane: no kernel initramfs, so kvmboot's shell initramfs. */
    private void startMaven(TmuxPane pane, String extra) throws IOException, InterruptedException {
        Path settings = workDir.resolve("settings.xml");
        Files.writeString(settings, Files.readString(Path.of(System.getProperty("kvmboot.it.settings")))
                .replace("@localRepositoryUrl@", Path.of(System.getProperty("kvmboot.it.userRepo")).toUri().toString()));
        Path boot = Files.createDirectories(workDir.resolve("boot"));
        Path kernel = TestGuests.kernel();
        Files.copy(kernel, boot.resolve(kernel.getFileName().toString().startsWith("vmlinuz-")
                ? kernel.getFileName().toString() : "vmlinuz-" + kernel.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        List<String> maven = new ArrayList<>(List.of(
                Path.of(System.getProperty("kvmboot.it.mavenHome"), "bin", "mvn").toString(),
                "-s", settings.toString(),
                "-Dmaven.repo.local=" + System.getProperty("kvmboot.it.localRepo"),
                "io.github.kvmboot:kvmboot-maven-plugin:" + System.getProperty("kvmboot.it.pluginVersion") + ":boot",
                "-Dkvmboot.bootDir=" + boot,
                "-Dkvmboot.busybox=" + TestGuests.busybox(),
                "-Dkvmboot.accel=tcg",
                "-Dkvmboot.network=none",
                "-Dkvmboot.outputDirectory=" + out));
        String script = "cd '" + workDir + "'\n"
                + "stty -g > before.stty\n"
                + maven.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" ")) + " " + extra + "\n"
                + "rc=$?\n"
                + "stty -g > after.stty\n"
                + "echo $rc > rc.tmp && mv rc.tmp rc\n";
        Files.writeString(workDir.resolve("run.sh"), script);
        pane.type("bash " + workDir.resolve("run.sh"));
        pane.keys("Enter");
    }

    private void waitForConsole(TmuxPane pane, String text, long millis) throws Exception {
        waitFor(pane, text + " in " + consoleLog,
                () -> Files.isRegularFile(consoleLog) && Files.readString(consoleLog).contains(text), millis);
    }

    private void waitForFile(TmuxPane pane, Path file, long millis) throws Exception {
        waitFor(pane, file.toString(), () -> Files.isRegularFile(file), millis);
    }

    private void waitFor(TmuxPane pane, String what, Callable<Boolean> done, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (done.call()) {
                return;
            }
            if (Files.isRegularFile(workDir.resolve("rc")) && !what.endsWith("rc")) {
                fail("Maven ended before " + what + "; pane:\n" + screen(pane) + "\nconsole.log:\n" + console());
            }
            Thread.sleep(200);
        }
        fail("no " + what + " within " + millis / 1000 + " s; pane:\n" + screen(pane) + "\nconsole.log:\n" + console());
    }

    private String console() {
        try {
            return Files.readString(consoleLog);
        } catch (IOException e) {
            return "(none: " + e.getMessage() + ")";
        }
    }

    private static String screen(TmuxPane pane) {
        try {
            return pane.screen();
        } catch (IOException | InterruptedException e) {
            return "(cannot capture: " + e + ")";
        }
    }

    private static void assertGone(long pid) throws InterruptedException {
        for (int i = 0; i < 50 && Files.exists(Path.of("/proc", Long.toString(pid))); i++) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(Path.of("/proc", Long.toString(pid))), "QEMU pid " + pid + " is gone");
    }
}
