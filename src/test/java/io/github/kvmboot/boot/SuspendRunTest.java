package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.suspend.GuestWaker;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * Suspend and resume with real QEMU (TCG) and Debian's cloud kernel (CONFIG_SUSPEND=y): cycles run
 * by the generated init, each a JUnit test case; a guest woken through its control socket as a
 * second Maven's kvmboot:wakeup does it; a guest nobody wakes fails at the timeout naming its
 * state. Every run proves its QEMU gone.
 */
class SuspendRunTest {

    @TempDir
    Path dir;

    private ExecHarness harness;

    @BeforeEach
    void guest() throws Exception {
        harness = new ExecHarness(dir, TestGuests.kernel());
        harness.cli.put("kvmboot.timeout", "240");
        harness.cli.put("kvmboot.memory", "256");
    }

    private GuestResult bootRun() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2,
                harness.env, false, dir.resolve("cache"));
        try {
            return new BootRun(BuildLog.toStderr(), host).run(
                    new SettingsResolver(Map.of(), harness.cli, Map.of(), harness.env).resolve(), "suspend",
                    Optional.of(dir.resolve("reports")), (k, v) -> { });
        } finally {
            ExecHarness.assertQemuGone(harness.plan());
        }
    }

    @Test
    void threeMemCyclesResumeAndAreThreeTestCases() throws Exception {
        harness.cli.put("kvmboot.suspend", "mem");
        harness.cli.put("kvmboot.suspendCycles", "3");
        harness.cli.put("kvmboot.exec", "echo after-the-cycles");
        GuestResult result = bootRun();
        assertEquals(Outcome.COMMAND_EXITED, result.outcome());
        assertEquals(6, result.powerEvents().size(), result.powerEvents().toString());
        String xml = Files.readString(dir.resolve("reports/TEST-kvmboot-suspend.xml"));
        for (int n = 1; n <= 3; n++) {
            assertTrue(xml.contains("name=\"suspend.mem." + n + "\""), xml);
        }
        assertFalse(xml.contains("<failure"), xml);
        assertTrue(xml.contains("resume "), "each cycle's timings: " + xml);
        String console = Files.readString(result.consoleLog());
        assertEquals(3, console.split("PM: suspend exit", -1).length - 1, "three resumes on the console");
        assertTrue(console.contains("after-the-cycles"), console);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("out/result.json").toFile());
        assertEquals("SUSPEND", json.path("powerEvents").get(0).path("event").asText());
        assertEquals("WAKEUP", json.path("powerEvents").get(5).path("event").asText());
    }

    @Test
    void aSuspendedGuestIsWokenThroughItsControlSocketLikeASecondMavenDoes() throws Exception {
        harness.cli.put("kvmboot.exec", "echo mem > /sys/power/state && echo woke-and-back");
        harness.cli.put("kvmboot.noOutputTimeout", "15"); // silent while suspended: must not count
        CompletableFuture<GuestResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return bootRun();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path console = dir.resolve("out/console.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(console) && Files.readString(console).contains("Suspending console"))) {
            assertTrue(System.nanoTime() < deadline, "the guest never suspended");
            Thread.sleep(200);
        }
        Thread.sleep(18_000); // longer than kvmboot.noOutputTimeout
        String said = new GuestWaker(BuildLog.toStderr()).wake(dir.resolve("out"));
        assertTrue(said.contains("woke up"), said);
        GuestResult result = run.get(120, TimeUnit.SECONDS);
        assertEquals(Outcome.COMMAND_EXITED, result.outcome());
        assertTrue(Files.readString(console).contains("woke-and-back"));
    }

    /** The self-built test kernel has no CONFIG_SUSPEND: its /sys/power/state offers no mem. */
    @Test
    void aKernelWithoutSuspendSupportFailsNamingTheOption() throws Exception {
        harness = new ExecHarness(dir, TestGuests.builtKernel());
        harness.cli.put("kvmboot.timeout", "240");
        harness.cli.put("kvmboot.suspend", "mem");
        harness.cli.put("kvmboot.suspendCycles", "2");
        harness.cli.put("kvmboot.exec", "echo never-reached");
        var failure = assertThrows(io.github.kvmboot.supervisor.GuestFailureException.class, this::bootRun);
        assertTrue(failure.getMessage().contains("does not offer 'mem'") && failure.getMessage().contains("CONFIG_SUSPEND=y"),
                failure.getMessage());
        assertFalse(Files.readString(failure.result().consoleLog()).contains("never-reached"));
    }

    @Test
    void aGuestNobodyWakesFailsAtTheTimeoutNamingTheSuspendedState() throws Exception {
        harness.cli.put("kvmboot.suspend", "mem");
        harness.cli.put("kvmboot.wakeupAfter", "0");
        harness.cli.put("kvmboot.timeout", "40");
        GuestFailureException e = assertThrows(GuestFailureException.class, this::bootRun);
        assertEquals(Outcome.TIMED_OUT, e.result().outcome());
        assertTrue(e.getMessage().contains("suspended to RAM (S3)"), e.getMessage());
        String xml = Files.readString(dir.resolve("reports/TEST-kvmboot-suspend.xml"));
        assertTrue(xml.contains("name=\"suspend.mem.1\""), xml);
    }

    @Test
    void wakingAGuestThatIsNotSuspendedSaysSo() throws Exception {
        harness.cli.put("kvmboot.exec", "sleep 40");
        CompletableFuture<GuestResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return bootRun();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(dir.resolve("out/guest.json"))) {
            assertTrue(System.nanoTime() < deadline, "no guest.json");
            Thread.sleep(100);
        }
        var e = assertThrows(io.github.kvmboot.KvmbootException.class,
                () -> new GuestWaker(BuildLog.toStderr()).wake(dir.resolve("out")));
        assertTrue(e.getMessage().contains("not suspended"), e.getMessage());
        assertEquals(Outcome.COMMAND_EXITED, run.get(120, TimeUnit.SECONDS).outcome());
    }

    @Test
    void wakingWhereNoGuestRunsSaysSo() {
        var e = assertThrows(io.github.kvmboot.KvmbootException.class,
                () -> new GuestWaker(BuildLog.toStderr()).wake(dir.resolve("nothing-here")));
        assertTrue(e.getMessage().contains("No guest is running"), e.getMessage());
    }

    @Test
    void badSuspendSettingsNameTheSetting() {
        for (String[] bad : new String[][] {{"kvmboot.suspend", "sleep"}, {"kvmboot.suspend", "freeze"},
                {"kvmboot.suspend", "disk"}, {"kvmboot.suspendCycles", "0"}, {"kvmboot.suspendCycles", "-2"},
                {"kvmboot.wakeupAfter", "soon"}}) {
            harness.cli.put("kvmboot.suspend", "mem");
            harness.cli.put(bad[0], bad[1]);
            SettingException e = assertThrows(SettingException.class, harness::plan, String.join("=", bad));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
            harness.cli.remove("kvmboot.suspendCycles");
            harness.cli.remove("kvmboot.wakeupAfter");
        }
        harness.cli.remove("kvmboot.suspend");
        harness.cli.put("kvmboot.suspendCycles", "3");
        SettingException e = assertThrows(SettingException.class, harness::plan);
        assertTrue(e.getMessage().contains("needs kvmboot.suspend"), e.getMessage());
    }
}
