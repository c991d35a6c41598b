package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.InstallMedia;

/**
 * Real installs: the isolinux ISO boots under QEMU (TCG), its installer writes a signature onto the
 * target disk, and the image holds it afterwards; interrupted installs leave a consistent image.
 */
class GuestInstallerTest {

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final StringBuilder said = new StringBuilder();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { System.err.println("[DEBUG] " + m); }
        @Override public synchronized void info(String m) { said.append(m).append('\n'); System.err.println("[INFO] " + m); }
        @Override public synchronized void warn(String m) { said.append(m).append('\n'); System.err.println("[WARNING] " + m); }
        @Override public synchronized void error(String m) { said.append(m).append('\n'); System.err.println("[ERROR] " + m); }
        @Override public boolean isDebugEnabled() { return true; }
    };

    @BeforeEach
    void settings() {
        env.put("PATH", System.getenv("PATH"));
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "none");
        cli.put("kvmboot.memory", "512");
        cli.put("kvmboot.graphics", "false");
        cli.put("kvmboot.target", "guest.qcow2");
        cli.put("kvmboot.createTarget", "64M");
    }

    private GuestResult install() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new GuestInstaller(log, host)
                .run(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), GuestListener.NONE).orElseThrow();
    }

    private static void assertGone(GuestResult result) {
        assertFalse(ProcessHandle.of(result.qemuPid()).map(ProcessHandle::isAlive).orElse(false),
                "QEMU " + result.qemuPid() + " is gone");
    }

    @Test
    void theInstallerWritesOntoTheNewTarget() throws Exception {
        cli.put("kvmboot.iso", InstallMedia.installerIso("KVMBOOT-SIG-UNIT").toString());
        cli.put("kvmboot.timeout", "600");
        GuestResult result = install();
        assertEquals(Outcome.GUEST_EXITED, result.outcome());
        assertGone(result);
        assertTrue(said.toString().contains("the installer powered off: the install has finished"), said::toString);
        assertTrue(InstallMedia.hasSignature(dir.resolve("guest.qcow2"), "KVMBOOT-SIG-UNIT"));
        assertEquals(0, InstallMedia.qemuImgCheck(dir.resolve("guest.qcow2")));
    }

    @Test
    void withSnapshotTheTargetStaysUntouched() throws Exception {
        cli.put("kvmboot.iso", InstallMedia.installerIso("KVMBOOT-SIG-SNAP").toString());
        cli.put("kvmboot.timeout", "600");
        cli.put("kvmboot.snapshot", "true");
        GuestResult result = install();
        assertTrue(String.join("\n", Files.readAllLines(result.consoleLog())).contains("KVMBOOT-INSTALL-DONE"),
                "the installer ran and wrote");
        assertGone(result);
        assertFalse(InstallMedia.hasSignature(dir.resolve("guest.qcow2"), "KVMBOOT-SIG-SNAP"));
    }

    @Test
    void anInstallStoppedWhileWritingLeavesAConsistentImage() throws Exception {
        cli.put("kvmboot.iso", InstallMedia.endlessInstallerIso("KVMBOOT-SIG-STOP").toString());
        cli.put("kvmboot.timeout", "600");
        // the supervisor stops QEMU as soon as the installer is writing
        cli.put("kvmboot.expect", "KVMBOOT-INSTALL-WRITING");
        GuestResult result = install();
        assertEquals(Outcome.EXPECT_MATCHED, result.outcome());
        assertGone(result);
        assertTrue(said.toString().contains("kvmboot.expect matched and the installer was stopped there: the install"
                + " has not necessarily finished; run kvmboot:install-guest again"), said::toString);
        assertFalse(said.toString().contains("install has finished"), said::toString);
        assertTrue(said.toString().contains("kvmboot:boot -Dkvmboot.diskBoot -Dkvmboot.target="), said::toString);
        assertTrue(InstallMedia.hasSignature(dir.resolve("guest.qcow2"), "KVMBOOT-SIG-STOP"));
        assertEquals(0, InstallMedia.qemuImgCheck(dir.resolve("guest.qcow2")));
    }

    @Test
    void anInstallThatTimesOutLeavesAConsistentImageAndNoQemu() throws Exception {
        cli.put("kvmboot.iso", InstallMedia.endlessInstallerIso("KVMBOOT-SIG-TIMEOUT").toString());
        cli.put("kvmboot.timeout", "45");
        GuestFailureException e = assertThrows(GuestFailureException.class, this::install);
        assertEquals(Outcome.TIMED_OUT, e.result().outcome());
        assertGone(e.result());
        assertEquals(0, InstallMedia.qemuImgCheck(dir.resolve("guest.qcow2")));
    }
}
