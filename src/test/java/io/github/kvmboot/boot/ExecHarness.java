package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.GuestSupervisor;

/**
 * The exec tests' common ground: -D settings for a TCG boot of a kernel without network, planned
 * through the real {@link BootPlanner}, run through the real supervisor, and every run proving its
 * QEMU gone (pid from result.json).
 */
final class ExecHarness {

    final Map<String, String> cli = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    private final Path dir;

    ExecHarness(Path dir, Path kernel) {
        this.dir = dir;
        env.put("PATH", System.getenv("PATH"));
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "none");
    }

    GuestRun plan() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new BootPlanner(BuildLog.toStderr(), host)
                .plan(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), GuestListener.NONE).guestRun();
    }

    static GuestResult run(GuestRun run) throws Exception {
        try {
            return new GuestSupervisor(BuildLog.toStderr()).run(run);
        } finally {
            assertQemuGone(run);
        }
    }

    static GuestFailureException failingRun(GuestRun run) throws Exception {
        try {
            return assertThrows(GuestFailureException.class, () -> new GuestSupervisor(BuildLog.toStderr()).run(run));
        } finally {
            assertQemuGone(run);
        }
    }

    static void assertQemuGone(GuestRun run) throws Exception {
        JsonNode pid = new ObjectMapper().readTree(run.outputDirectory().resolve("result.json").toFile()).path("qemuPid");
        if (pid.isNumber()) {
            var handle = ProcessHandle.of(pid.asLong());
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (handle.isPresent() && handle.get().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(handle.isPresent() && handle.get().isAlive(), "QEMU pid " + pid + " still running");
        }
    }
}
