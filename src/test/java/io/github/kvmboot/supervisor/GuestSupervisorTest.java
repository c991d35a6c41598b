package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kvmboot.testing.TestGuests;

/** Real QEMU (TCG) booting the real test kernel. */
@Timeout(120)
class GuestSupervisorTest {

    private static final Duration GONE_WITHIN = Duration.ofSeconds(5);

    @TempDir
    Path out;

    private final RecordingLog log = new RecordingLog();

    private GuestRun run(List<String> command, Optional<Pattern> expect, Optional<Pattern> failOn, Duration timeout,
            Optional<Path> qmpSocket, GuestListener listener) {
        return new GuestRun(command, out, expect, failOn, timeout, qmpSocket, Optional.of(out.resolve("qemu.pid")),
                false, listener, Duration.ZERO, Optional.empty(), Optional.empty());
    }

    @Test
    void expectReachedWithQmpConfirmedPtys() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        Path qmpSocket = out.resolve("qmp.sock");
        List<String> command = TestQemu.command(TestGuests.printAndHang("KVMBOOT-OK-expect"), pidFile, qmpSocket);
        List<String> socketModeWhileRunning = new java.util.concurrent.CopyOnWriteArrayList<>();
        PidCapture capture = new PidCapture(pidFile) {
            @Override
            public void ptysReady(Map<String, String> labelToPath) {
                super.ptysReady(labelToPath);
                try {
                    socketModeWhileRunning.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(qmpSocket)));
                } catch (java.io.IOException e) {
                    socketModeWhileRunning.add(e.toString());
                }
            }
        };

        GuestResult result = new GuestSupervisor(log).run(run(command,
                Optional.of(Pattern.compile("KVMBOOT-OK-expect")), Optional.of(TestQemu.DEFAULT_FAIL_ON),
                Duration.ofSeconds(90), Optional.of(qmpSocket), capture));

        assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        assertNull(result.exitCode());
        assertEquals(List.of("rw-------"), socketModeWhileRunning, "QMP socket is owner-only");
        String console = Files.readString(result.consoleLog());
        assertEquals(out.resolve("console.log"), result.consoleLog());
        assertTrue(console.contains("KVMBOOT-OK-expect"), "marker in console.log");
        assertTrue(console.contains("Linux version"), "kernel banner in console.log");

        Map<String, String> printed = new LinkedHashMap<>();
        console.lines().map(PtyLineParser::parse).flatMap(Optional::stream)
                .forEach(m -> printed.put(m.label(), m.path()));
        assertEquals(Map.of("ttyS1", true, "monitor", true), capture.ptyExistedWhenReported);
        assertEquals(printed, capture.reportedPtys, "QMP-confirmed ptys equal the ones QEMU printed on stdout");
        assertEquals(printed, result.ptys());
        Map<String, String> json = new ObjectMapper().readValue(out.resolve("ptys.json").toFile(),
                new TypeReference<Map<String, String>>() { });
        assertEquals(printed, json);
        assertTrue(json.get("ttyS1").matches("/dev/pts/\\d+"), json.toString());

        assertTrue(log.at("INFO").contains("QEMU: " + io.github.kvmboot.qemu.ShellQuoting.join(command)), "command logged");
        assertTrue(log.contains("INFO", "Guest ports:\n  ttyS1    -> /dev/pts/"), "ports block");
        assertTrue(log.at("INFO").stream().anyMatch(m -> m.contains("KVMBOOT-OK-expect")), "console line logged");
        assertFalse(log.at("INFO").stream().anyMatch(m -> m.startsWith("char device redirected")),
                "pty lines are not console lines");
        assertFalse(log.contains("WARN", "pty of"), "no mismatch between printed and QMP ptys");
        assertFalse(log.contains("WARN", "QMP"), "QMP worked");
        TestQemu.assertGone(capture.pid(), GONE_WITHIN);
        assertFalse(Files.exists(pidFile), "pidfile removed");
        assertFalse(Files.exists(qmpSocket), "QMP socket removed");
    }

    @Test
    void expectMatchesAPromptWithoutNewline() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        PidCapture capture = new PidCapture(pidFile);
        List<String> command = TestQemu.command(
                TestGuests.initramfs("printf 'kvmboot login: '\nwhile true; do sleep 3600; done\n"), pidFile, null);

        GuestResult result = new GuestSupervisor(log).run(run(command, Optional.of(Pattern.compile("login: $")),
                Optional.empty(), Duration.ofSeconds(90), Optional.empty(), capture));

        assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        assertTrue(Files.readString(result.consoleLog()).endsWith("kvmboot login: "));
        TestQemu.assertGone(capture.pid(), GONE_WITHIN);
    }

    @Test
    void forwardsStdinToTheGuestConsole() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        java.io.PipedOutputStream keyboard = new java.io.PipedOutputStream();
        java.io.InputStream originalIn = System.in;
        System.setIn(new java.io.PipedInputStream(keyboard));
        PidCapture capture = new PidCapture(pidFile) {
            @Override
            public void consoleLine(String line) {
                super.consoleLine(line);
                if (line.equals("TYPE-SOMETHING")) {
                    try {
                        keyboard.write("hello-from-stdin\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        keyboard.flush();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        try {
            List<String> command = TestQemu.command(TestGuests.initramfs(
                    "echo TYPE-SOMETHING\nread answer\necho \"GOT:$answer\"\nwhile true; do sleep 3600; done\n"),
                    pidFile, null);

            GuestResult result = new GuestSupervisor(log).run(new GuestRun(command, out,
                    Optional.of(Pattern.compile("GOT:hello-from-stdin")), Optional.empty(), Duration.ofSeconds(90),
                    Optional.empty(), Optional.of(pidFile), true, capture, Duration.ZERO, Optional.empty(),
                    Optional.empty()));

            assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        } finally {
            System.setIn(originalIn);
            keyboard.close();
        }
        TestQemu.assertGone(capture.pid(), GONE_WITHIN);
    }

    @Test
    void timeoutWithoutTheExpectedText() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        PidCapture capture = new PidCapture(pidFile);
        List<String> command = TestQemu.command(TestGuests.silentHang(), pidFile, null);

        GuestFailureException e = assertThrows(GuestFailureException.class, () -> new GuestSupervisor(log).run(run(
                command, Optional.of(Pattern.compile("NEVER-PRINTED")), Optional.of(TestQemu.DEFAULT_FAIL_ON),
                Duration.ofSeconds(8), Optional.empty(), capture)));

        assertEquals(Outcome.TIMED_OUT, e.result().outcome());
        assertNull(e.result().exitCode());
        assertTrue(e.getMessage().startsWith("Timed out after 8 s waiting for /NEVER-PRINTED/ (no match in "),
                e.getMessage());
        assertTrue(e.getMessage().contains("last console lines:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("Run /init as init process"), e.getMessage());
        assertEquals(20, e.result().excerpt().size());
        assertTrue(capture.reportedPtys.containsKey("ttyS1"), "ptys reported without QMP too");
        TestQemu.assertGone(capture.pid(), GONE_WITHIN);
    }

    @Test
    void kernelPanicMatchesTheFailPatternWithContext() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        PidCapture capture = new PidCapture(pidFile);
        List<String> command = TestQemu.command(TestGuests.panic(), pidFile, null);

        GuestFailureException e = assertThrows(GuestFailureException.class, () -> new GuestSupervisor(log).run(run(
                command, Optional.empty(), Optional.of(TestQemu.DEFAULT_FAIL_ON), Duration.ofSeconds(90),
                Optional.empty(), capture)));

        String message = e.getMessage();
        assertEquals(Outcome.FAIL_PATTERN, e.result().outcome());
        assertTrue(message.startsWith("Guest failed: console matched fail pattern /" + TestQemu.DEFAULT_FAIL_ON.pattern()
                + "/ at line "), message);
        assertTrue(message.contains(" of " + out.resolve("console.log") + ":\n"), message);
        List<String> excerpt = e.result().excerpt();
        String culprit = excerpt.stream().filter(l -> l.startsWith(">")).findFirst().orElseThrow();
        assertTrue(culprit.contains("Kernel panic - not syncing"), culprit);
        int at = excerpt.indexOf(culprit);
        assertEquals(ConsoleTranscript.CONTEXT_LINES, at, "20 lines of context before");
        assertTrue(excerpt.size() > at + 1, "context after the match");
        assertTrue(message.contains(culprit), "the message quotes the excerpt");
        long lineNumber = Long.parseLong(culprit.replaceAll("^>\\s*(\\d+) \\|.*", "$1"));
        List<String> consoleLines = Files.readAllLines(out.resolve("console.log"));
        assertTrue(consoleLines.get((int) lineNumber - 1).contains("Kernel panic - not syncing"),
                "the line number points into console.log");
        TestQemu.assertGone(capture.pid(), GONE_WITHIN);
    }

    @Test
    void guestPowersOffWithoutExpect() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        PidCapture capture = new PidCapture(pidFile);
        List<String> command = TestQemu.command(TestGuests.printAndPowerOff("KVMBOOT-BYE"), pidFile, null);

        GuestResult result = new GuestSupervisor(log).run(run(command, Optional.empty(),
                Optional.of(TestQemu.DEFAULT_FAIL_ON), Duration.ofSeconds(90), Optional.empty(), capture));

        assertEquals(Outcome.GUEST_EXITED, result.outcome());
        assertEquals(0, result.exitCode());
        assertTrue(result.excerpt().stream().anyMatch(l -> l.contains("KVMBOOT-BYE")), result.excerpt().toString());
        TestQemu.assertGone(capture.pid(), GONE_WITHIN);
    }

    @Test
    void guestPowersOffBeforeTheExpectedText() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        PidCapture capture = new PidCapture(pidFile);
        List<String> command = TestQemu.command(TestGuests.printAndPowerOff("KVMBOOT-BYE"), pidFile, null);

        GuestFailureException e = assertThrows(GuestFailureException.class, () -> new GuestSupervisor(log).run(run(
                command, Optional.of(Pattern.compile("NEVER-PRINTED")), Optional.empty(), Duration.ofSeconds(90),
                Optional.empty(), capture)));

        assertEquals(Outcome.GUEST_EXITED, e.result().outcome());
        assertEquals(0, e.result().exitCode());
        assertTrue(e.getMessage().startsWith("QEMU exited (code 0) before /NEVER-PRINTED/ appeared on the console"),
                e.getMessage());
        assertTrue(e.getMessage().contains("KVMBOOT-BYE"), e.getMessage());
        TestQemu.assertGone(capture.pid(), GONE_WITHIN);
    }

    @Test
    void qemuRejectingItsCommandLineFailsWithItsErrorOutput() throws Exception {
        Path pidFile = out.resolve("qemu.pid");
        List<String> command = TestQemu.command(TestGuests.silentHang(), pidFile, null,
                "-drive", "file=/nonexistent/disk.img,format=raw,if=virtio");

        GuestFailureException e = assertThrows(GuestFailureException.class, () -> new GuestSupervisor(log).run(run(
                command, Optional.of(Pattern.compile("KVMBOOT-OK")), Optional.empty(), Duration.ofSeconds(60),
                Optional.empty(), GuestListener.NONE)));

        assertEquals(Outcome.QEMU_FAILED, e.result().outcome());
        assertEquals(1, e.result().exitCode());
        assertTrue(e.getMessage().startsWith("QEMU failed with exit code 1; its error output:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("/nonexistent/disk.img"), e.getMessage());
        assertTrue(log.contains("WARN", "qemu: "), "stderr is logged as warnings");
        assertFalse(Files.exists(pidFile));
        TestQemu.assertNoProcessMentioning(pidFile.toString()); // it may die before writing its pidfile
    }

    @Test
    void missingQemuBinary() {
        GuestFailureException e = assertThrows(GuestFailureException.class, () -> new GuestSupervisor(log).run(run(
                List.of("qemu-system-kvmboot-test-missing", "-version"), Optional.empty(), Optional.empty(),
                Duration.ZERO, Optional.empty(), GuestListener.NONE)));
        assertEquals(Outcome.QEMU_FAILED, e.result().outcome());
        assertEquals("Cannot start QEMU: qemu-system-kvmboot-test-missing is not on PATH", e.getMessage());
    }
}
