package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.testing.TestGuests;

/** kvmboot.rootfs=host planned (no QEMU): bad input, kernel checks, the QEMU devices and the daemon. */
class HostRootPlanTest {

    @TempDir
    Path dir;

    private ExecHarness harness;

    @BeforeEach
    void guest() throws Exception {
        harness = new ExecHarness(dir, TestGuests.kernel()); // Debian's cloud kernel: virtiofs as a module, no 9p
        harness.cli.put("kvmboot.rootfs", "host");
        harness.cli.put("kvmboot.exec", "true");
    }

    private String problem() {
        return assertThrows(SettingException.class, harness::plan).getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "'" + fragment + "' missing from: " + message);
        }
    }

    @Test
    void anUnknownRootfsIsRefused() {
        harness.cli.put("kvmboot.rootfs", "hostt");
        assertMentions(problem(), "kvmboot.rootfs", "hostt");
    }

    @Test
    void rwDirsMustBeAbsoluteAndNotTheRoot() {
        harness.cli.put("kvmboot.rwDirs", "/etc,var");
        assertMentions(problem(), "kvmboot.rwDirs", "'var' is not absolute");
        harness.cli.put("kvmboot.rwDirs", "/etc,/");
        assertMentions(problem(), "kvmboot.rwDirs", "'/' is / itself");
    }

    @Test
    void rootfsHostCannotBeCombinedWithAnInitrdOrADiskBoot() {
        harness.cli.put("kvmboot.initrd", "/boot/initrd.img");
        assertMentions(problem(), "kvmboot.initrd", "kvmboot.rootfs=host");
        harness.cli.remove("kvmboot.initrd");
        harness.cli.put("kvmboot.diskBoot", "true");
        assertMentions(problem(), "kvmboot.diskBoot");
    }

    @Test
    void aKernelWithout9pIsRefusedNamingTheOptions() {
        harness.cli.put("kvmboot.rootfsShare", "9p");
        assertMentions(problem(), "kvmboot.rootfs", "CONFIG_NET_9P", "CONFIG_9P_FS");
    }

    @Test
    void virtiofsAsModulesNeedsTheModules() throws Exception {
        harness.cli.put("kvmboot.rootfsShare", "virtiofs");
        assertMentions(problem(), "CONFIG_VIRTIO_FS", "are modules", "kvmboot.modules");
        harness.cli.put("kvmboot.modules", TestGuests.modulesDir().toString());
        GuestRun run = harness.plan();
        assertEquals(1, run.helpers().size(), run.helpers()::toString);
        Path socket = run.helpers().get(0).socket();
        assertTrue(run.helpers().get(0).argv().contains("--socket-path=" + socket), run.helpers()::toString);
        List<String> command = run.command();
        assertTrue(command.contains("memory-backend-memfd,id=kvmboot-mem,size=1024M,share=on"), command::toString);
        assertTrue(command.contains("vhost-user-fs-pci,chardev=kvmboot-rootfs,tag=kvmbootroot"), command::toString);
        assertTrue(command.contains("socket,id=kvmboot-rootfs,path=" + socket), command::toString);
    }

    @Test
    void aMissingVirtiofsdIsRefusedWithThe9pWayOut() {
        harness.cli.put("kvmboot.rootfsShare", "virtiofs");
        harness.cli.put("kvmboot.virtiofsd", dir.resolve("no-such-virtiofsd").toString());
        assertMentions(problem(), "kvmboot.virtiofsd", "kvmboot.rootfsShare=9p");
    }

    @Test
    void ninePIsAReadOnlyShareOfTheRoot() throws Exception {
        Path fakeTree = Files.createDirectories(dir.resolve("tree/arch/x86/boot"));
        Files.copy(TestGuests.kernel(), fakeTree.resolve("bzImage"));
        Files.writeString(dir.resolve("tree/.config"), "CONFIG_NET_9P=y\nCONFIG_NET_9P_VIRTIO=y\nCONFIG_9P_FS=y\n"
                + "CONFIG_VIRTIO_PCI=y\nCONFIG_OVERLAY_FS=y\n");
        harness.cli.put("kernel", fakeTree.resolve("bzImage").toString());
        harness.cli.put("kvmboot.rootfsShare", "9p");
        GuestRun run = harness.plan();
        assertTrue(run.helpers().isEmpty());
        assertTrue(run.command().contains("local,id=kvmbootroot,path=/,security_model=none,readonly=on"), run.command()::toString);
    }
}
