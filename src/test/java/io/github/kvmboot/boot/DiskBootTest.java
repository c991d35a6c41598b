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
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.GuestSupervisor;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.InstallMedia;
import io.github.kvmboot.testing.LockingQemu;

/** kvmboot.diskBoot with a real syslinux disk image: the image's own bootloader boots the guest. */
class DiskBootTest {

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private Path disk;

    @BeforeEach
    void image() throws Exception {
        disk = Files.copy(InstallMedia.bootDisk("KVMBOOT-DISK-UNIT"), dir.resolve("disk.img"));
        env.put("PATH", System.getenv("PATH"));
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "none");
        cli.put("kvmboot.memory", "512");
        cli.put("kvmboot.diskBoot", "true");
        cli.put("kvmboot.target", "disk.img");
    }

    private GuestRun plan() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new BootPlanner(BuildLog.toStderr(), host)
                .plan(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), GuestListener.NONE).guestRun();
    }

    @Test
    void bootsTheImagesOwnBootloader() throws Exception {
        cli.put("kvmboot.expect", "KVMBOOT-DISK-UNIT");
        cli.put("kvmboot.timeout", "600");
        GuestRun run = plan();
        String joined = String.join(" ", run.command());
        assertTrue(joined.contains("-drive file=" + disk + ",if=ide,index=0,media=disk,format=raw"), joined);
        assertFalse(run.command().contains("-kernel") || run.command().contains("-snapshot"), joined);
        GuestResult result = new GuestSupervisor(BuildLog.toStderr()).run(run);
        assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        assertTrue(Files.readString(result.consoleLog()).contains("SYSLINUX"), "the disk's syslinux ran");
        assertFalse(ProcessHandle.of(result.qemuPid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void qcow2ImagesAreNamedAsSuchAndSnapshotIsPassed() throws Exception {
        Process convert = new ProcessBuilder("qemu-img", "convert", "-O", "qcow2", disk.toString(),
                dir.resolve("disk.qcow2").toString()).inheritIO().start();
        assertEquals(0, convert.waitFor());
        cli.put("kvmboot.target", "disk.qcow2");
        cli.put("kvmboot.snapshot", "");
        List<String> argv = plan().command();
        assertTrue(String.join(" ", argv).contains("disk.qcow2,if=ide,index=0,media=disk,format=qcow2"), argv::toString);
        assertTrue(argv.contains("-snapshot"), argv::toString);
    }

    @Test
    void anImageInUseIsRefusedNamingTheProcess() throws Exception {
        long pid;
        try (LockingQemu holder = LockingQemu.hold(disk)) {
            pid = holder.pid();
            String message = assertThrows(SettingException.class, this::plan).getMessage();
            assertTrue(message.contains("kvmboot.target = 'disk.img'") && message.contains("pid " + pid + ": ")
                    && message.contains("is in use"), message);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
}
