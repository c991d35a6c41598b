package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.testing.InstallMedia;

/** Settings to install plans: the QEMU arguments and every bad input, rejected before QEMU starts. */
class InstallPlanTest {

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private Path iso;

    @BeforeEach
    void media() throws Exception {
        iso = InstallMedia.installerIso("KVMBOOT-PLAN");
        env.put("PATH", System.getenv("PATH"));
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "none");
        cli.put("kvmboot.iso", iso.toString());
        cli.put("kvmboot.target", "guest.qcow2");
        cli.put("kvmboot.createTarget", "64M");
    }

    private InstallPlan plan() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new BootPlanner(BuildLog.toStderr(), host)
                .planInstall(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), GuestListener.NONE);
    }

    private String failure() {
        return assertThrows(SettingException.class, this::plan).getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
        }
    }

    @Test
    void isoAsCdromTargetFirstDevelopmentDiskSecondBootFromCdrom() throws Exception {
        cli.put("kvmboot.nextTarget", "next.qcow2");
        cli.put("kvmboot.createNextTarget", "128M");
        InstallPlan plan = plan();
        List<String> argv = plan.boot().guestRun().command();
        String joined = String.join(" ", argv);
        assertMentions(joined, "-drive file=" + dir.resolve("guest.qcow2") + ",if=ide,index=0,media=disk,format=qcow2",
                "-drive file=" + dir.resolve("next.qcow2") + ",if=ide,index=1,media=disk,format=qcow2",
                "-drive file=" + iso + ",media=cdrom,if=ide,index=2", "-boot order=d", "-display none", "-no-reboot");
        assertFalse(argv.contains("-kernel") || argv.contains("-snapshot"), joined);
        assertEquals(List.of(dir.resolve("guest.qcow2"), dir.resolve("next.qcow2")), plan.disks());
        assertTrue(Files.exists(dir.resolve("guest.qcow2")) && Files.exists(dir.resolve("next.qcow2")),
                "requested images are created");
    }

    @Test
    void installersGetADisplayWhenOneIsPresentUnlessGraphicsIsSet() throws Exception {
        env.put("DISPLAY", ":0");
        List<String> argv = plan().boot().guestRun().command();
        assertTrue(argv.contains("-vga") && !argv.contains("-display"), argv::toString);
        Files.delete(dir.resolve("guest.qcow2"));
        cli.put("kvmboot.graphics", "false");
        argv = plan().boot().guestRun().command();
        assertTrue(argv.contains("-display") && !argv.contains("-vga"), argv::toString);
        Files.delete(dir.resolve("guest.qcow2"));
        env.remove("DISPLAY");
        env.put("WAYLAND_DISPLAY", "wayland-0");
        cli.remove("kvmboot.graphics");
        assertTrue(plan().boot().guestRun().command().contains("-vga"));
    }

    @Test
    void snapshotDiscardsWrites() throws Exception {
        cli.put("kvmboot.snapshot", "true");
        assertTrue(plan().boot().guestRun().command().contains("-snapshot"));
    }

    @Test
    void anIsoNameIsLookedUpUnderIsoPath() throws Exception {
        cli.put("kvmboot.isoPath", iso.getParent().toString());
        cli.put("kvmboot.iso", iso.getFileName().toString());
        assertTrue(String.join(" ", plan().boot().guestRun().command()).contains("file=" + iso + ",media=cdrom"));
    }

    @Test
    void missingIsoNotAnIsoAndTargetIsTheIso() throws Exception {
        cli.put("kvmboot.isoPath", dir.toString());
        cli.put("kvmboot.iso", "missing.iso");
        Files.write(dir.resolve("other.iso"), new byte[100]);
        assertMentions(failure(), "kvmboot.iso = 'missing.iso'", "no file at", "other.iso");
        cli.put("kvmboot.iso", dir.resolve("other.iso").toString());
        assertMentions(failure(), "kvmboot.iso", "is not an ISO 9660 image");
        cli.remove("kvmboot.iso");
        assertMentions(failure(), "kvmboot.iso is not set", "KVM_BOOT_ISO");
        cli.put("kvmboot.iso", iso.toString());
        cli.remove("kvmboot.createTarget");
        cli.put("kvmboot.target", iso.toString());
        assertMentions(failure(), "kvmboot.target", "is the installer ISO itself");
        cli.remove("kvmboot.target");
        assertMentions(failure(), "kvmboot.target is not set", "install-guest needs a target");
        assertFalse(Files.exists(dir.resolve("guest.qcow2")), "nothing created when the plan fails");
    }

    @Test
    void nothingIsCreatedWhenALaterSettingIsBad() {
        cli.put("kvmboot.memory", "lots");
        assertMentions(failure(), "kvmboot.memory");
        assertFalse(Files.exists(dir.resolve("guest.qcow2")));
        cli.remove("kvmboot.memory");
        cli.put("kvmboot.network", "carrier-pigeon");
        assertMentions(failure(), "kvmboot.network");
        assertFalse(Files.exists(dir.resolve("guest.qcow2")));
    }
}
