package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class QemuCommandBuilderTest {

    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    private static QemuCommandBuilder builder() {
        return new QemuCommandBuilder(QEMU);
    }

    private static List<String> argsAfterBinary(QemuCommandBuilder b) {
        List<String> argv = b.build();
        assertEquals(QEMU.toString(), argv.get(0));
        return argv.subList(1, argv.size());
    }

    @Test
    void startsWithTheBinaryAlone() {
        assertEquals(List.of("/usr/bin/qemu-system-x86_64"), builder().build());
    }

    @Test
    void machineOptions() {
        assertEquals(List.of("-accel", "kvm", "-accel", "tcg", "-cpu", "kvm64", "-m", "1024M", "-smp", "2"),
                argsAfterBinary(builder().accelerator(Accelerator.KVM).accelerator(Accelerator.TCG)
                        .cpuModel("kvm64").memoryMiB(1024).cpus(2)));
    }

    @Test
    void kernelInitrdAppendAndPidFileArePlainArguments() {
        assertEquals(List.of("-kernel", "/k,1/bzImage", "-initrd", "/i,2/initrd.img",
                        "-append", "console=ttyS0,115200 root=/dev/sda1 quiet", "-pidfile", "/run/a,b/qemu.pid"),
                argsAfterBinary(builder().kernel(Path.of("/k,1/bzImage")).initrd(Path.of("/i,2/initrd.img"))
                        .append("console=ttyS0,115200 root=/dev/sda1 quiet").pidFile(Path.of("/run/a,b/qemu.pid"))));
    }

    @Test
    void flags() {
        assertEquals(List.of("-nodefaults", "-no-user-config", "-no-reboot", "-display", "none", "-nographic",
                        "-vga", "std", "-snapshot", "-boot", "order=d"),
                argsAfterBinary(builder().noDefaults().noReboot().noGraphics().nographic().standardVga()
                        .snapshot().bootOrder("d")));
    }

    @Test
    void consolePortsAndMonitorUseLabelledCharacterDevices() {
        assertEquals(List.of(
                        "-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
                        "-chardev", "pty,id=ttyS1", "-serial", "chardev:ttyS1",
                        "-chardev", "pty,id=ttyS2", "-serial", "chardev:ttyS2",
                        "-chardev", "pty,id=monitor", "-mon", "chardev=monitor,mode=readline"),
                argsAfterBinary(builder().serialOnStdio().serialOnPty("ttyS1").serialOnPty("ttyS2").monitorOnPty()));
    }

    @Test
    void qmpSocketPathIsEscaped() {
        assertEquals(List.of("-chardev", "socket,id=qmp,path=/tmp/a,,b/qmp.sock,server=on,wait=off",
                        "-mon", "chardev=qmp,mode=control"),
                argsAfterBinary(builder().qmpSocket(Path.of("/tmp/a,b/qmp.sock"))));
    }

    @Test
    void drivesEscapeTheFileAndAddOnlyRequestedOptions() {
        assertEquals(List.of(
                        "-drive", "file=/img/x,,y/root.img,if=ide,index=0,media=disk",
                        "-drive", "file=/img/dev.qcow2,if=ide,index=1,media=disk,format=qcow2,readonly=on",
                        "-drive", "file=/iso/d,,v,,d.iso,media=cdrom,if=ide,index=2"),
                argsAfterBinary(builder()
                        .disk(Path.of("/img/x,y/root.img"), 0, Optional.empty(), false)
                        .disk(Path.of("/img/dev.qcow2"), 1, Optional.of("qcow2"), true)
                        .cdrom(Path.of("/iso/d,v,d.iso"))));
    }

    @Test
    void rawArgumentsAndDevicesPassThroughVerbatim() {
        List<String> raw = List.of("-drive", "file=/my,,own.img,if=virtio", "", "two words", "$HOME", "it's");
        assertEquals(List.of("-m", "64M", "-drive", "file=/my,,own.img,if=virtio", "", "two words", "$HOME", "it's",
                        "-device", "virtio-rng-pci,id=rng0"),
                argsAfterBinary(builder().memoryMiB(64).rawArgs(raw).device("virtio-rng-pci,id=rng0")));
    }

    @Test
    void rejectsWhatQemuWouldReject() {
        assertThrows(IllegalArgumentException.class, () -> builder().memoryMiB(0));
        assertThrows(IllegalArgumentException.class, () -> builder().cpus(0));
        assertThrows(IllegalArgumentException.class, () -> builder().serialOnPty("1tty"));
        assertThrows(IllegalArgumentException.class, () -> builder().serialOnPty("tty,S1"));
        assertThrows(IllegalStateException.class, () -> builder().serialOnPty("ttyS1").serialOnPty("ttyS1"));
        assertThrows(IllegalStateException.class, () -> builder().monitorOnPty().serialOnPty("monitor"));
        assertThrows(IllegalArgumentException.class,
                () -> builder().disk(Path.of("/a.img"), 4, Optional.empty(), false));
        assertThrows(IllegalStateException.class, () -> builder()
                .disk(Path.of("/a.img"), 2, Optional.empty(), false).cdrom(Path.of("/b.iso")));
        assertThrows(IllegalArgumentException.class, () -> builder().bootOrder("d,menu=on"));
        assertThrows(IllegalArgumentException.class, () -> builder().cpuModel(" "));
    }

    @Test
    void buildReturnsAnImmutableSnapshot() {
        QemuCommandBuilder b = builder().noReboot();
        List<String> first = b.build();
        b.snapshot();
        assertEquals(List.of(QEMU.toString(), "-no-reboot"), first);
        assertThrows(UnsupportedOperationException.class, () -> first.add("-S"));
    }
}
