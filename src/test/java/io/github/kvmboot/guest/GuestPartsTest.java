package io.github.kvmboot.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.qemu.SerialPort;
import io.github.kvmboot.testing.TestGuests;

/** The pieces of the generated initramfs, on real files: the host's busybox and the cloud kernel's modules. */
class GuestPartsTest {

    @TempDir
    Path dir;

    @Test
    void theHostsBusyboxStaticIsAcceptedADynamicProgramIsNot() throws IOException {
        assertTrue(Busybox.problem(TestGuests.busybox()).isEmpty());
        String dynamic = Busybox.problem(Path.of("/bin/ls")).orElseThrow();
        assertTrue(dynamic.contains("dynamically linked"), dynamic);
        assertTrue(Busybox.problem(dir.resolve("nope")).orElseThrow().contains("no busybox at"));
        Path text = Files.writeString(dir.resolve("busybox"), "#!/bin/sh\n");
        assertTrue(Busybox.problem(text).orElseThrow().contains("not an ELF file"));
    }

    @Test
    void modulesComeWithTheirDependenciesFirst() throws Exception {
        Path release = TestGuests.modulesDir();
        assertEquals(release, KernelModules.locate(release.getParent().getParent().getParent(), release.getFileName().toString()).orElseThrow(),
                "an INSTALL_MOD_PATH is searched for lib/modules/<release>");
        KernelModules modules = KernelModules.index(release);
        List<String> order = modules.loadOrder(List.of("virtio-net")).stream().map(KernelModules.Module::name).toList();
        assertEquals("virtio_net", order.get(order.size() - 1), order::toString);
        assertTrue(order.contains("net_failover") && order.indexOf("failover") < order.indexOf("net_failover"), order::toString);
        IOException missing = assertThrows(IOException.class, () -> modules.loadOrder(List.of("no_such_module")));
        assertTrue(missing.getMessage().contains("no module no_such_module"), missing.getMessage());
    }

    @Test
    void aSymlinkedModulesDirectoryIsIndexedLikeTheDirectory() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("modules"), TestGuests.modulesDir());
        assertTrue(KernelModules.index(link).contains("virtio_net"), "no modules found through the link " + link);
    }

    @Test
    void sharesGetTagsAndGuestPaths() {
        List<Share> one = Share.parse("/srv/a", Path::of);
        assertEquals(List.of(new Share(Path.of("/srv/a"), "/share", "kvmboot0")), one);
        List<Share> two = Share.parse("/srv/a, /srv/b:/mnt/b", Path::of);
        assertEquals("/share/a", two.get(0).guestPath());
        assertEquals("/mnt/b", two.get(1).guestPath());
        assertEquals("kvmboot1", two.get(1).tag());
        assertThrows(IllegalArgumentException.class, () -> Share.parse("/srv/a:relative", Path::of));
        assertThrows(IllegalArgumentException.class, () -> Share.parse("/srv/a:/x'y", Path::of));
        assertThrows(IllegalArgumentException.class, () -> Share.parse("/a:/m,/b:/m", Path::of));
    }

    @Test
    void kernelConfigIsFoundBesideABootKernelAndInATree() throws Exception {
        Path kernel = TestGuests.kernel();
        String release = kernel.getFileName().toString().substring("vmlinuz-".length());
        KernelConfig boot = KernelConfig.find(kernel, release).orElseThrow();
        assertTrue(boot.value("CONFIG_NET_9P").isEmpty(), "the cloud kernel has no 9p");
        assertEquals("m", boot.value("CONFIG_VIRTIO_PCI").orElseThrow());

        Path tree = dir.resolve("linux");
        Files.createDirectories(tree.resolve("arch/x86/boot"));
        Files.writeString(tree.resolve(".config"), "CONFIG_9P_FS=y\n# CONFIG_NET_9P is not set\n");
        KernelConfig built = KernelConfig.find(tree.resolve("arch/x86/boot/bzImage"), "6.1.0").orElseThrow();
        assertEquals("y", built.value("CONFIG_9P_FS").orElseThrow());
        assertFalse(built.value("CONFIG_NET_9P").isPresent());
    }

    @Test
    void theInitReportsOnTheStatusPortItIsGiven() {
        String ttyS3 = InitScript.render(List.of(), List.of(), false, new SerialPort(3));
        assertTrue(ttyS3.contains("exec 9>/dev/ttyS3\n") && ttyS3.contains("CONFIG_SERIAL_8250 with 4 ports"), ttyS3);
        String ttyS4 = InitScript.render(List.of(), List.of(), false, new SerialPort(4));
        assertTrue(ttyS4.contains("exec 9>/dev/ttyS4\n") && ttyS4.contains("rm -f /dev/ttyS4\n")
                && ttyS4.contains("CONFIG_SERIAL_8250 with 5 ports"), ttyS4);
        assertFalse(ttyS4.contains("ttyS3"), ttyS4);
        assertTrue(ttyS4.contains("2>&1 9>&-\n"), "the command runs without the port: " + ttyS4);
    }

    @Test
    void theShellInitRunsAControllingTerminalShellInTheForegroundAndSetsTheTerminalSize() {
        String shell = InitScript.render(List.of(), List.of(), false, new SerialPort(1), true);
        assertTrue(shell.contains("ENV=/etc/kvmboot/shellrc PS1='\\w # ' setsid cttyhack sh <\"/dev/$kvmboot_tty\""), shell);
        assertFalse(shell.contains("9>&- &"), "a background shell would start with SIGINT ignored: " + shell);
        assertTrue(shell.contains("kvmboot.rows=*) export KVMBOOT_ROWS="), shell);
        assertTrue(InitScript.shellRc().contains("poweroff() { exit 0; }"), InitScript.shellRc());
        assertTrue(InitScript.shellRc().contains("stty rows \"$KVMBOOT_ROWS\" cols \"$KVMBOOT_COLS\""),
                "the shell sets the size on its own open console: " + InitScript.shellRc());
        String command = InitScript.render(List.of(), List.of(), false, new SerialPort(1));
        assertFalse(command.contains("cttyhack"), "kvmboot.exec's command has no controlling terminal: " + command);
    }

    /** S4: init resumes before it opens the status port, so a resumed guest never wrote a second start line. */
    @Test
    void theHibernationResumeComesAfterTheModulesAndBeforeTheStatusPort() {
        InitHooks hooks = io.github.kvmboot.suspend.SuspendCycleScript.render(io.github.kvmboot.suspend.SuspendMode.DISK, 2);
        String init = InitScript.render(List.of("virtio_blk"), List.of(), false, new SerialPort(3), hooks, false,
                java.util.Optional.empty());
        int modules = init.indexOf("virtio_blk.ko");
        int resume = init.indexOf("> /sys/power/resume");
        int status = init.indexOf("exec 9>/dev/ttyS3");
        int cycles = init.indexOf("echo disk > /sys/power/state");
        assertTrue(modules >= 0 && modules < resume && resume < status && status < cycles, init);
        assertTrue(init.contains("= \"kvmboot-swap\" ]"), "found by its serial: " + init);
        assertTrue(init.contains("swapon \"/dev/$kvmboot_swap\"") && init.contains("echo platform > /sys/power/disk"), init);
        String mem = InitScript.render(List.of(), List.of(), false, new SerialPort(3),
                io.github.kvmboot.suspend.SuspendCycleScript.render(io.github.kvmboot.suspend.SuspendMode.MEM, 1), false,
                java.util.Optional.empty());
        assertFalse(mem.contains("/sys/power/resume"), mem);
        assertTrue(mem.indexOf("exec 9>/dev/ttyS3") < mem.indexOf("echo mem > /sys/power/state"), mem);
    }

    @Test
    void sameInputsGiveTheSameCachedImage() throws Exception {
        ExecInitramfs exec = new ExecInitramfs(TestGuests.busybox(), "true", List.of(), List.of(), false, new SerialPort(3));
        Path first = exec.writeTo(dir);
        Path again = exec.writeTo(dir);
        assertEquals(first, again);
        Path other = new ExecInitramfs(TestGuests.busybox(), "false", List.of(), List.of(), false, new SerialPort(3)).writeTo(dir);
        assertFalse(first.equals(other));
    }

    /** The cache key is the inputs: a found image is not rebuilt; a replaced busybox gives a new one. */
    @Test
    void aCachedImageIsReusedUntilAnInputFileChanges() throws Exception {
        Path busybox = Files.copy(TestGuests.busybox(), dir.resolve("busybox"));
        ExecInitramfs exec = new ExecInitramfs(busybox, "true", List.of(), List.of(), false, new SerialPort(3));
        Path first = exec.writeTo(dir.resolve("cache"));
        java.nio.file.attribute.FileTime written = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(first, written);
        assertEquals(first, exec.writeTo(dir.resolve("cache")));
        assertEquals(written, Files.getLastModifiedTime(first), "found, not written again");

        Files.setLastModifiedTime(busybox, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Path rebuilt = exec.writeTo(dir.resolve("cache"));
        assertFalse(rebuilt.equals(first), "a busybox with another time is another input");
        assertTrue(Files.size(rebuilt) > 500_000, "the new image holds busybox");
    }
}
