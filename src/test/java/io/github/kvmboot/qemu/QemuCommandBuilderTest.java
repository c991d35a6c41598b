package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class QemuCommandBuilderTest {

    private static final Path QEMU = Path.of("/usr/bin/qemu-system-x86_64");

    private static QemuCommandBuilder builder() {
        return new QemuCommandBuilder(QEMU);
    }

    private static QemuCommandBuilder shared9p(QemuCommandBuilder b, String id, Path directory, String tag) {
        SharedDirectories.on(b).share9p(id, directory, tag);
        return b;
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

    private static QemuCommandBuilder withConsolePorts() {
        return builder().serialOnStdio().serialOnPty("ttyS1").serialOnPty("ttyS2").monitorOnPty();
    }

    @Test
    void pvpanicFirmwareAndNoNetworkAreTyped() {
        assertEquals(List.of("-device", "pvpanic-pci", "-L", "/home/u/qemu,x/pc-bios", "-nic", "none"),
                argsAfterBinary(builder().pvpanic().firmwareDirectory(Path.of("/home/u/qemu,x/pc-bios")).noNetwork()));
    }

    @Test
    void userAndVdeNetdevsWithAVirtioNicEscapeTheirValues() {
        assertEquals(List.of("-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:2222-:22,hostfwd=tcp:127.0.0.1:8080-:80",
                        "-device", "virtio-net-pci,netdev=net0,romfile=,mac=52:54:00:12:34:56",
                        "-netdev", "vde,id=net1,sock=/run/a,,b/vde.ctl",
                        "-device", "virtio-net-pci,netdev=net1,romfile=,mac=52:54:00:12:34:57"),
                argsAfterBinary(builder()
                        .userNetdev("net0", List.of(new PortForward(2222, 22), new PortForward(8080, 80)))
                        .virtioNic("net0", "52:54:00:12:34:56")
                        .vdeNetdev("net1", Path.of("/run/a,b/vde.ctl"))
                        .virtioNic("net1", "52:54:00:12:34:57")));
        assertEquals(List.of("-netdev", "user,id=net0"), argsAfterBinary(builder().userNetdev("net0", List.of())));
    }

    @Test
    void netdevIdsAreCheckedAndANicNeedsItsNetdevFirst() {
        assertThrows(IllegalStateException.class, () -> builder().userNetdev("net0", List.of())
                .vdeNetdev("net0", Path.of("/run/vde.ctl")));
        assertThrows(IllegalStateException.class, () -> builder().virtioNic("net0", "52:54:00:12:34:56"));
        assertThrows(IllegalArgumentException.class, () -> builder().userNetdev("net,0", List.of()));
        assertThrows(IllegalArgumentException.class, () -> builder().userNetdev("net0", List.of())
                .virtioNic("net0", " "));
        assertThrows(IllegalArgumentException.class, () -> new PortForward(0, 22));
        // a chardev and a netdev may share an id: QEMU keeps one namespace per kind
        assertEquals(List.of("-chardev", "pty,id=net0", "-serial", "chardev:net0", "-netdev", "user,id=net0"),
                argsAfterBinary(builder().serialOnPty("net0").userNetdev("net0", List.of())));
    }

    @Test
    void sharesEscapeThePathAndTagAndCheckTheFsdevId() {
        assertEquals(List.of("-fsdev", "local,id=fs0,path=/srv/a,,b,security_model=none",
                        "-device", "virtio-9p-pci,fsdev=fs0,mount_tag=tag,,1"),
                argsAfterBinary(shared9p(builder(), "fs0", Path.of("/srv/a,b"), "tag,1")));
        assertThrows(IllegalStateException.class, () -> SharedDirectories.on(builder()).share9p("fs0", Path.of("/a"), "a")
                .share9p("fs0", Path.of("/b"), "b"));
        assertThrows(IllegalArgumentException.class, () -> SharedDirectories.on(builder()).share9p("0fs", Path.of("/a"), "a"));
    }

    @Test
    void aSerialPortToAFileIsEscapedAndKnowsItsGuestName() {
        QemuCommandBuilder b = withConsolePorts();
        SerialPort port = b.serialToFile("status", Path.of("/out/a,b/exec-status"));
        assertEquals(new SerialPort(3), port, "the fourth -serial is ttyS3");
        assertEquals("/dev/ttyS3", port.guestDevice());
        List<String> argv = argsAfterBinary(b);
        assertEquals(List.of("-chardev", "file,id=status,path=/out/a,,b/exec-status,append=on", "-serial", "chardev:status"),
                argv.subList(argv.size() - 4, argv.size()));
        assertThrows(IllegalStateException.class, () -> withConsolePorts().serialToFile("ttyS1", Path.of("/f")));
    }

    @Test
    void addingASerialPortMovesTheOneAfterIt() {
        assertEquals("/dev/ttyS4", withConsolePorts().serialOnPty("ttyS3").serialToFile("status", Path.of("/f"))
                .guestDevice());
        QemuCommandBuilder b = withConsolePorts().serialOnPty("ttyS3");
        SerialPort reserved = b.reserveSerialPort();
        assertEquals(4, reserved.index());
        b.kernel(Path.of("/k"));
        assertEquals(reserved, b.serialToFile(reserved, "status", Path.of("/f")));
        List<String> argv = argsAfterBinary(b);
        assertTrue(argv.indexOf("-kernel") < argv.indexOf("file,id=status,path=/f,append=on"), argv::toString);
    }

    @Test
    void aReservedSerialPortKeepsItsNumber() {
        QemuCommandBuilder open = withConsolePorts();
        SerialPort reserved = open.reserveSerialPort();
        assertThrows(IllegalStateException.class, () -> open.serialOnPty("ttyS9"), "it would take ttyS3");
        assertThrows(IllegalStateException.class, open::build, "the guest would wait on a port that is not there");
        assertThrows(IllegalStateException.class, () -> open.serialToFile(new SerialPort(7), "status", Path.of("/f")));
        open.serialToFile(reserved, "status", Path.of("/f"));
        assertThrows(IllegalStateException.class, () -> open.serialToFile(reserved, "again", Path.of("/f")),
                "a reservation is used once");
        assertEquals(new SerialPort(5), open.serialOnPty("ttyS4").reserveSerialPort());
    }

    @Test
    void gdbStubListensOnLoopbackOnlyAndTheHaltAndPanicActionArePlainArguments() {
        assertEquals(List.of("-gdb", "tcp:127.0.0.1:1234", "-S", "-action", "panic=pause"),
                argsAfterBinary(builder().gdbStub(1234).haltAtStart().pauseOnPanic()));
        assertThrows(IllegalArgumentException.class, () -> builder().gdbStub(0));
        assertThrows(IllegalArgumentException.class, () -> builder().gdbStub(65536));
    }

    @Test
    void aVirtioDiskIsFoundByItsSerialAndItsPathIsEscaped() {
        assertEquals(List.of("-drive", "file=/out/a,,b/swap.img,if=none,id=kvmboot-swap,format=raw",
                "-device", "virtio-blk-pci,drive=kvmboot-swap,serial=kvmboot-swap"),
                argsAfterBinary(builder().virtioDisk("kvmboot-swap", Path.of("/out/a,b/swap.img"), "kvmboot-swap")));
        assertThrows(IllegalArgumentException.class, () -> builder().virtioDisk("d", Path.of("/x"), "a,b"));
        QemuCommandBuilder twice = builder().virtioDisk("d", Path.of("/x"), "s");
        assertThrows(IllegalStateException.class, () -> twice.virtioDisk("d", Path.of("/y"), "t"));
    }
}
