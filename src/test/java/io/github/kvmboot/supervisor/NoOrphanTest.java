package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kvmboot.process.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.Executables;
import io.github.kvmboot.testing.TestGuests;

/**
 * The JVM running the supervisor dies while QEMU runs: QEMU must die too. SIGTERM and SIGINT
 * go through the shutdown hook, SIGKILL through the parent-death signal (setpriv).
 */
@Timeout(180)
class NoOrphanTest {

    private static final String MARKER = "KVMBOOT-ORPHAN-PROBE";

    @TempDir
    Path out;

    @Test
    void sigkillOfTheJvmStopsQemu() throws Exception {
        assertQemuDiesWithItsJvm(true, jvm -> jvm.destroyForcibly());
    }

    // Without setpriv the parent-death signal cannot help: only the shutdown hook stops QEMU.
    @Test
    void sigtermOfTheJvmStopsQemu() throws Exception {
        assertQemuDiesWithItsJvm(false, jvm -> signal(jvm, "TERM"));
    }

    @Test
    void sigintOfTheJvmStopsQemu() throws Exception {
        assertQemuDiesWithItsJvm(false, jvm -> signal(jvm, "INT"));
    }

    interface Killer {
        void kill(Process jvm) throws Exception;
    }

    private void assertQemuDiesWithItsJvm(boolean withSetpriv, Killer killer) throws Exception {
        Process jvm = startProbeJvm(withSetpriv);
        long qemuPid = -1;
        try {
            qemuPid = awaitMarkerAndPid(jvm);
            assertTrue(ProcFs.isRunning(qemuPid), "QEMU runs before the JVM is killed");
            assertEquals(!withSetpriv, probeLog().contains("setpriv (util-linux) is not on PATH"), probeLog());

            killer.kill(jvm);

            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "the probe JVM exited");
            TestQemu.assertGone(qemuPid, Duration.ofSeconds(5));
        } finally {
            jvm.destroyForcibly();
            if (qemuPid > 0 && ProcFs.isRunning(qemuPid)) {
                ProcessHandle.of(qemuPid).ifPresent(ProcessHandle::destroyForcibly); // do not leak it when failing
            }
        }
    }

    private Process startProbeJvm(boolean withSetpriv) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        // env resets SIGINT/SIGTERM to their defaults: a JVM that inherits them ignored (e.g. from a
        // background job of a non-interactive shell) installs no handler, and no hook would run.
        List<String> command = List.of("env", "--default-signal=INT,TERM", java, "-cp", classPath,
                OrphanProbeMain.class.getName(), TestGuests.kernel().toString(),
                TestGuests.printAndHang(MARKER).toString(), out.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(out.resolve("probe-jvm.log").toFile());
        if (!withSetpriv) {
            Path bin = Files.createDirectory(out.resolve("bin-without-setpriv"));
            Files.createSymbolicLink(bin.resolve("qemu-system-x86_64"),
                    Executables.find("qemu-system-x86_64").orElseThrow());
            builder.environment().put("PATH", bin.toString());
        }
        return builder.start();
    }

    private long awaitMarkerAndPid(Process jvm) throws IOException, InterruptedException {
        Path console = out.resolve("console.log");
        Path pidFile = out.resolve("qemu.pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() - deadline < 0 && jvm.isAlive()) {
            if (Files.exists(console) && Files.readString(console).contains(MARKER) && Files.exists(pidFile)) {
                return TestQemu.readPid(pidFile);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the probe never showed " + MARKER + "; its log:\n" + probeLog());
    }

    private String probeLog() throws IOException {
        Path log = out.resolve("probe-jvm.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void signal(Process jvm, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }
}
