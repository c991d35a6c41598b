package io.github.kvmboot.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.kvmboot.testing.TestGuests;

/**
 * (g) No orphan QEMU when the Maven JVM itself is stopped mid-boot: SIGINT and SIGTERM (Ctrl-C,
 * IDE Stop, CI cancel) go through the shutdown hook, SIGKILL through the parent-death signal.
 * Runs the real, installed plugin in a real Maven without a project (requiresProject=false).
 */
class MavenSignalIT {

    private static final String READY = "KVMBOOT-SIGNAL-READY";

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "KILL"})
    void qemuDiesWithTheMavenJvm(String signal) throws Exception {
        Path kernel = TestGuests.kernel();
        Path initrd = TestGuests.printAndHang(READY);
        Path out = workDir.resolve("out");
        // the invoker ITs' settings: everything resolves from the user's local repository
        Path settings = workDir.resolve("settings.xml");
        Files.writeString(settings, Files.readString(Path.of(System.getProperty("kvmboot.it.settings")))
                .replace("@localRepositoryUrl@", Path.of(System.getProperty("kvmboot.it.userRepo")).toUri().toString()));
        List<String> command = new ArrayList<>(List.of(
                // a terminal user's Ctrl-C arrives with SIGINT at its default disposition; a CI
                // shell may have started us with SIGINT ignored, which the JVM would inherit
                "env", "--default-signal=INT",
                Path.of(System.getProperty("kvmboot.it.mavenHome"), "bin", "mvn").toString(),
                "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + System.getProperty("kvmboot.it.localRepo"),
                "io.github.kvmboot:kvmboot-maven-plugin:" + System.getProperty("kvmboot.it.pluginVersion") + ":boot",
                "-Dkernel=" + kernel,
                "-Dkvmboot.initrd=" + initrd,
                "-Dkvmboot.accel=tcg",
                "-Dkvmboot.outputDirectory=" + out));
        Process maven = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> waitFor(maven, output, READY));
        try {
            if (!ready.get(240, TimeUnit.SECONDS)) {
                fail("the guest never printed " + READY + "; Maven said:\n" + output);
            }
            long qemuPid = Long.parseLong(Files.readString(out.resolve("qemu.pid")).trim());
            assertTrue(ProcessHandle.of(qemuPid).isPresent(), "QEMU should be running before the signal");

            new ProcessBuilder("kill", "-" + signal, Long.toString(maven.pid())).inheritIO().start().waitFor();

            assertGoneWithin(qemuPid, 5_000, signal, output);
            assertTrue(maven.waitFor(60, TimeUnit.SECONDS), "Maven should end after SIG" + signal);
        } finally {
            maven.destroyForcibly();
        }
    }

    /** Reads Maven's output until a line contains {@code marker}, then drains the rest in the background. */
    static boolean waitFor(Process maven, StringBuilder output, String marker) {
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.contains(marker)) {
                    Thread drainer = new Thread(() -> drain(reader, output));
                    drainer.setDaemon(true);
                    drainer.start();
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void drain(BufferedReader reader, StringBuilder output) {
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException ignored) {
            // Maven ended
        }
    }

    static void assertGoneWithin(long pid, long millis, String signal, StringBuilder output)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (!Files.exists(Path.of("/proc", Long.toString(pid)))) {
                return;
            }
            Thread.sleep(100);
        }
        boolean alive = Files.exists(Path.of("/proc", Long.toString(pid)));
        if (alive) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertFalse(alive, "QEMU pid " + pid + " outlived SIG" + signal + " of the Maven JVM by 5 s; Maven said:\n" + output);
    }
}
