package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.suspend.GuestWaker;
import io.github.kvmboot.suspend.HibernationSwap;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * Suspend and resume with real QEMU (TCG) and Debian's cloud kernel (CONFIG_SUSPEND=y,
 * CONFIG_HIBERNATION=y): cycles run by the generated init, each a JUnit test case, to RAM and to
 * disk (QEMU started again, the guest resumed from its image); a guest woken through its control socket as a
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

    /**
     * S4 for real: each cycle writes the image to the swap disk, QEMU exits at SUSPEND_DISK and is
     * started again, and the guest resumes: the command after the cycles runs in the kernel that
     * booted first (the same boot id), in three QEMUs (three kernel banners).
     */
    @Test
    void diskCyclesHibernateStartQemuAgainAndResumeFromTheImage() throws Exception {
        harness.cli.put("kvmboot.modules", TestGuests.modulesDir().toString());
        harness.cli.put("kvmboot.suspend", "disk");
        harness.cli.put("kvmboot.suspendCycles", "2");
        harness.cli.put("kvmboot.exec", "echo \"after the cycles: boot id $(cat /proc/sys/kernel/random/boot_id)\"");
        GuestResult result = bootRun();
        assertEquals(Outcome.COMMAND_EXITED, result.outcome());
        assertEquals(List.of("SUSPEND_DISK", "RESTARTED", "SUSPEND_DISK", "RESTARTED"),
                result.powerEvents().stream().map(e -> e.name()).toList());
        String console = Files.readString(result.consoleLog());
        assertEquals(3, console.split("Linux version ", -1).length - 1, "three QEMUs booted the kernel: " + console);
        Matcher before = Pattern.compile("kernel boot id ([0-9a-f-]{36})").matcher(console);
        Matcher after = Pattern.compile("after the cycles: boot id ([0-9a-f-]{36})").matcher(console);
        assertTrue(before.find() && after.find(), console);
        assertEquals(before.group(1), after.group(1), "the command ran in the kernel that hibernated, not a fresh one");
        assertEquals(2, console.split("PM: hibernation: hibernation exit", -1).length - 1, console);
        String xml = Files.readString(dir.resolve("reports/TEST-kvmboot-suspend.xml"));
        assertTrue(xml.contains("name=\"suspend.disk.1\"") && xml.contains("name=\"suspend.disk.2\""), xml);
        assertFalse(xml.contains("<failure"), xml);
        assertTrue(Files.isRegularFile(dir.resolve("out/" + HibernationSwap.FILE_NAME)));
    }

    /**
     * A damaged image: once the kernel enters S4 (its image written), everything after the swap
     * header is zeroed, so the restarted kernel finds the hibernation signature but cannot load the
     * image and boots afresh. The fresh init tells the host, which fails the run naming it.
     */
    @Test
    void aGuestThatBootsAfreshInsteadOfResumingFailsNamingIt() throws Exception {
        harness.cli.put("kvmboot.modules", TestGuests.modulesDir().toString());
        harness.cli.put("kvmboot.suspend", "disk");
        harness.cli.put("kvmboot.exec", "echo never-reached");
        Path swap = dir.resolve("out/" + HibernationSwap.FILE_NAME);
        Path console = dir.resolve("out/console.log");
        CompletableFuture<Void> damage = CompletableFuture.runAsync(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (!(Files.exists(console) && Files.readString(console).contains("enter system sleep state S4"))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the guest never entered S4");
                    }
                    Thread.sleep(10);
                }
                try (var file = new java.io.RandomAccessFile(swap.toFile(), "rw")) {
                    file.seek(4096);
                    file.write(new byte[(int) Math.min(file.length() - 4096, 64L << 20)]);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        GuestFailureException e = assertThrows(GuestFailureException.class, this::bootRun);
        damage.get(10, TimeUnit.SECONDS);
        assertTrue(e.getMessage().contains("booted afresh instead of resuming"), e.getMessage());
        assertFalse(Files.readString(e.result().consoleLog()).contains("never-reached"));
        String xml = Files.readString(dir.resolve("reports/TEST-kvmboot-suspend.xml"));
        assertTrue(Pattern.compile("name=\"suspend\\.disk\\.1\"[^>]*>\\s*<failure").matcher(xml).find(), xml);
        assertTrue(xml.contains("resume failed") || xml.contains("did not resume from its hibernation image"), xml);
    }

    @Test
    void diskCannotBeCombinedWithWhatDoesNotSurviveQemusRestart() throws Exception {
        harness.cli.put("kvmboot.suspend", "disk");
        for (String[] bad : new String[][] {{"kvmboot.snapshot", "true", "kvmboot.snapshot"},
                {"kvmboot.share", dir.toString(), "kvmboot.share"}, {"kvmboot.rootfs", "host", "kvmboot.rootfs=host"}}) {
            harness.cli.put(bad[0], bad[1]);
            SettingException e = assertThrows(SettingException.class, harness::plan, String.join("=", bad));
            assertTrue(e.getMessage().contains("kvmboot.suspend") && e.getMessage().contains(bad[2]), e.getMessage());
            harness.cli.remove(bad[0]);
        }
    }

    @Test
    void diskWithTheDriverAsAModuleAndNoModulesNamesKvmbootModules() {
        harness.cli.put("kvmboot.suspend", "disk");
        SettingException e = assertThrows(SettingException.class, harness::plan);
        assertTrue(e.getMessage().contains("CONFIG_VIRTIO_BLK") && e.getMessage().contains("kvmboot.modules"),
                e.getMessage());
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
                {"kvmboot.suspendCycles", "0"}, {"kvmboot.suspendCycles", "-2"},
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
