package io.github.kvmboot.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.testing.LockingQemu;

/** Image checks and creation with the real qemu-img, and a real QEMU holding an image's lock. */
class DiskImagesTest {

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final QemuImg qemuImg = new QemuImg(Path.of("qemu-img"));
    private final DiskImages images = new DiskImages(Optional.of(qemuImg), new LockHolders(), BuildLog.toStderr(),
            v -> dir.resolve(v).normalize());

    private ResolvedSettings settings() {
        return new SettingsResolver(Map.of(), cli, Map.of(), Map.of()).resolve();
    }

    private DiskImages.Disk planTarget() throws Exception {
        return images.plan(settings(), Setting.TARGET, dir.resolve(cli.get("kvmboot.target")), Setting.CREATE_TARGET,
                Optional.of(Setting.BACKING_IMAGE));
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
        }
    }

    @Test
    void createsANewQcow2OfTheGivenSize() throws Exception {
        cli.put("kvmboot.target", "new.qcow2");
        cli.put("kvmboot.createTarget", "64M");
        DiskImages.Disk disk = planTarget();
        assertFalse(Files.exists(dir.resolve("new.qcow2")), "planning creates nothing");
        images.create(disk);
        ImageInfo info = qemuImg.info(dir.resolve("new.qcow2"));
        assertEquals("qcow2", info.format());
        assertEquals(64L << 20, info.virtualSize());
        assertEquals(Optional.empty(), info.backingFile());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void neverOverwritesAnExistingFile() throws Exception {
        byte[] precious = "an installed system, honest".getBytes();
        Files.write(dir.resolve("guest.img"), precious);
        cli.put("kvmboot.target", "guest.img");
        cli.put("kvmboot.createTarget", "6G");
        SettingException e = assertThrows(SettingException.class, this::planTarget);
        assertEquals(Setting.CREATE_TARGET, e.setting());
        assertMentions(e.getMessage(), "kvmboot.createTarget = '6G'", "-Dkvmboot.createTarget", "guest.img",
                "never overwrites", "raw");
        assertArrayEquals(precious, Files.readAllBytes(dir.resolve("guest.img")));
    }

    @Test
    void aFileAppearingBetweenPlanAndCreateIsKept() throws Exception {
        cli.put("kvmboot.target", "race.qcow2");
        cli.put("kvmboot.createTarget", "64M");
        DiskImages.Disk disk = planTarget();
        Files.writeString(dir.resolve("race.qcow2"), "someone else's");
        assertThrows(io.github.kvmboot.KvmbootException.class, () -> images.create(disk));
        assertEquals("someone else's", Files.readString(dir.resolve("race.qcow2")));
    }

    @Test
    void aSizeThatIsNoSizeNamesTheSetting() {
        cli.put("kvmboot.target", "x.qcow2");
        cli.put("kvmboot.createTarget", "abc");
        SettingException e = assertThrows(SettingException.class, this::planTarget);
        assertMentions(e.getMessage(), "kvmboot.createTarget = 'abc'", "command line", "not a size", "6G");
        assertFalse(Files.exists(dir.resolve("x.qcow2")));
    }

    @Test
    void createsAnOverlayOnABaseImageLeavingTheBaseAlone() throws Exception {
        qemuImg.create(dir.resolve("base.qcow2"), 32L << 20, Optional.empty(), Optional.empty());
        byte[] base = Files.readAllBytes(dir.resolve("base.qcow2"));
        cli.put("kvmboot.target", "overlay.qcow2");
        cli.put("kvmboot.createTarget", "32M");
        cli.put("kvmboot.backingImage", "base.qcow2");
        images.create(planTarget());
        ImageInfo info = qemuImg.info(dir.resolve("overlay.qcow2"));
        assertEquals(Optional.of(dir.resolve("base.qcow2").toString()), info.backingFile());
        assertEquals(Optional.of("qcow2"), info.backingFormat());
        assertArrayEquals(base, Files.readAllBytes(dir.resolve("base.qcow2")));
    }

    @Test
    void anOverlaySmallerThanItsBaseAndABaseWithoutCreationAreRejected() throws Exception {
        qemuImg.create(dir.resolve("base.qcow2"), 64L << 20, Optional.empty(), Optional.empty());
        cli.put("kvmboot.target", "overlay.qcow2");
        cli.put("kvmboot.createTarget", "32M");
        cli.put("kvmboot.backingImage", "base.qcow2");
        assertMentions(assertThrows(SettingException.class, this::planTarget).getMessage(),
                "kvmboot.createTarget = '32M'", "smaller than the base image");
        cli.remove("kvmboot.createTarget");
        cli.put("kvmboot.target", "base.qcow2");
        assertMentions(assertThrows(SettingException.class, this::planTarget).getMessage(),
                "kvmboot.backingImage = 'base.qcow2'", "kvmboot.createTarget");
    }

    @Test
    void existingImagesMustBeQcow2OrRaw() throws Exception {
        Process p = new ProcessBuilder("qemu-img", "create", "-q", "-f", "vmdk", dir.resolve("disk.vmdk").toString(), "8M")
                .inheritIO().start();
        assertEquals(0, p.waitFor());
        cli.put("kvmboot.target", "disk.vmdk");
        assertMentions(assertThrows(SettingException.class, this::planTarget).getMessage(),
                "kvmboot.target = 'disk.vmdk'", "is a vmdk image", "qemu-img convert -O qcow2");
        cli.put("kvmboot.target", "missing.qcow2");
        assertMentions(assertThrows(SettingException.class, this::planTarget).getMessage(),
                "no disk image at", "-Dkvmboot.createTarget=20G");
        Files.write(dir.resolve("raw.img"), new byte[1 << 20]);
        cli.put("kvmboot.target", "raw.img");
        assertEquals(Optional.empty(), planTarget().creation());
    }

    @Test
    void anImageInUseNamesTheQemuHoldingIt() throws Exception {
        qemuImg.create(dir.resolve("busy.qcow2"), 32L << 20, Optional.empty(), Optional.empty());
        cli.put("kvmboot.target", "busy.qcow2");
        long pid;
        try (LockingQemu qemu = LockingQemu.hold(dir.resolve("busy.qcow2"))) {
            pid = qemu.pid();
            SettingException e = assertThrows(SettingException.class, this::planTarget);
            assertMentions(e.getMessage(), "kvmboot.target = 'busy.qcow2'", "is in use", "pid " + pid + ": ",
                    "qemu-system-x86_64", "busy.qcow2", "write\" lock", "stop that process");
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the locking QEMU is gone");
        assertEquals(Optional.empty(), planTarget().creation(), "usable again once QEMU is gone");
    }

    @Test
    void checkAfterRunFindsACleanImage() throws Exception {
        qemuImg.create(dir.resolve("clean.qcow2"), 32L << 20, Optional.empty(), Optional.empty());
        QemuImg.Check check = images.checkAfterRun(dir.resolve("clean.qcow2")).orElseThrow();
        assertEquals(0, check.exitCode(), check.output());
        assertTrue(check.consistent());
        // a qcow2 header pointing its refcount table outside the file: qemu-img check fails
        byte[] bytes = Files.readAllBytes(dir.resolve("clean.qcow2"));
        bytes[48] = 0x7f;
        Files.write(dir.resolve("broken.qcow2"), bytes);
        assertFalse(images.checkAfterRun(dir.resolve("broken.qcow2")).orElseThrow().consistent());
    }
}
