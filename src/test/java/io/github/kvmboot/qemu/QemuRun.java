package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.kvmboot.process.ProcessStopper;

/** Runs a real QEMU for a test and guarantees it is gone afterwards (checked in /proc). */
final class QemuRun {

    private static final ProcessStopper TERMINATION = new ProcessStopper(Duration.ofSeconds(2), Duration.ofSeconds(10));

    /** {@code exitCode} is null when QEMU had to be killed. */
    record Result(Integer exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private QemuRun() {
    }

    /** Feeds {@code stdin} (then closes it), waits up to {@code timeout} for QEMU to exit. */
    static Result run(List<String> argv, String stdin, Duration timeout) throws IOException, InterruptedException {
        return run(argv, stdin, timeout, stdout -> false);
    }

    /**
     * Like {@link #run(List, String, Duration)}, but stops QEMU as soon as {@code stopWhen} holds
     * for its standard output so far.
     */
    static Result run(List<String> argv, String stdin, Duration timeout, Predicate<String> stopWhen)
            throws IOException, InterruptedException {
        Process qemu = new ProcessBuilder(argv).start();
        try {
            Drain out = new Drain(qemu.getInputStream());
            Drain err = new Drain(qemu.getErrorStream());
            try (OutputStream in = qemu.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // QEMU exited before reading its input; its output will say why.
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (qemu.isAlive() && System.nanoTime() < deadline && !stopWhen.test(out.soFar())) {
                qemu.waitFor(50, TimeUnit.MILLISECONDS);
            }
            Integer exit = qemu.isAlive() ? null : qemu.exitValue();
            TERMINATION.stop(qemu.toHandle());
            qemu.waitFor();
            return new Result(exit, out.finish(), err.finish());
        } finally {
            TERMINATION.stop(qemu.toHandle());
            assertGone(qemu.toHandle());
        }
    }

    static void assertGone(ProcessHandle handle) {
        assertFalse(handle.isAlive(), "QEMU " + handle.pid() + " still running");
        assertFalse(Files.exists(Path.of("/proc/" + handle.pid())) && isQemu(handle.pid()),
                "QEMU " + handle.pid() + " still in /proc");
    }

    /** No QEMU among this JVM's descendants (other processes on the machine are not ours). */
    static void assertNoQemuChildren() {
        List<ProcessHandle> left = ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.contains("qemu")).orElse(false))
                .toList();
        assertTrue(left.isEmpty(), "QEMU processes left behind: " + left);
    }

    private static boolean isQemu(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains("qemu");
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads a stream to its end on a daemon thread, so QEMU never blocks on a full pipe. */
    private static final class Drain {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        Drain(InputStream in) {
            thread = new Thread(() -> {
                byte[] chunk = new byte[8192];
                try {
                    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                        synchronized (buffer) {
                            buffer.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // closed when the process ends
                }
            }, "qemu-test-drain");
            thread.setDaemon(true);
            thread.start();
        }

        String soFar() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }

        /** The whole output, once the process is gone and the pipe has reached its end. */
        String finish() throws InterruptedException {
            thread.join(5_000);
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
