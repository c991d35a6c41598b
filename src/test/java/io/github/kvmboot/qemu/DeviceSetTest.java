package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class DeviceSetTest {

    private static final List<String> PORTS = List.of(
            "-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
            "-chardev", "pty,id=ttyS1", "-serial", "chardev:ttyS1",
            "-chardev", "pty,id=ttyS2", "-serial", "chardev:ttyS2",
            "-chardev", "pty,id=monitor", "-mon", "chardev=monitor,mode=readline");

    private static DirectKernelBoot boot(boolean graphics, List<Path> disks) {
        return new DirectKernelBoot(Path.of("qemu-system-x86_64"), Accelerator.TCG, 1024, 2,
                Path.of("/k/bzImage"), Optional.of(Path.of("/k/initrd.img")), "console=ttyS0", graphics, disks);
    }

    private static List<String> concat(List<?>... parts) {
        List<String> all = new ArrayList<>();
        for (List<?> part : parts) {
            part.forEach(p -> all.add((String) p));
        }
        return all;
    }

    @Test
    void fastHasNoDefaultDevicesNoDisplayAndNoReboot() {
        assertEquals(concat(
                        List.of("qemu-system-x86_64", "-accel", "tcg", "-nodefaults", "-no-user-config",
                                "-m", "1024M", "-smp", "2", "-display", "none"),
                        PORTS,
                        List.of("-kernel", "/k/bzImage", "-initrd", "/k/initrd.img", "-append", "console=ttyS0",
                                "-no-reboot")),
                DeviceSet.FAST.directKernelBoot(boot(false, List.of())).build());
    }

    @Test
    void fastWithGraphicsAndDisks() {
        assertEquals(concat(
                        List.of("qemu-system-x86_64", "-accel", "tcg", "-nodefaults", "-no-user-config",
                                "-m", "1024M", "-smp", "2", "-vga", "std"),
                        PORTS,
                        List.of("-kernel", "/k/bzImage", "-initrd", "/k/initrd.img", "-append", "console=ttyS0",
                                "-drive", "file=/d/a,,1.img,if=ide,index=0,media=disk",
                                "-drive", "file=/d/b.img,if=ide,index=1,media=disk",
                                "-no-reboot")),
                DeviceSet.FAST.directKernelBoot(boot(true, List.of(Path.of("/d/a,1.img"), Path.of("/d/b.img"))))
                        .build());
    }

    @Test
    void seedIsTheShellScriptsSet() {
        assertEquals(concat(
                        List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", "kvm64", "-m", "1024M", "-smp", "2",
                                "-nographic"),
                        PORTS,
                        List.of("-kernel", "/k/bzImage", "-initrd", "/k/initrd.img", "-append", "console=ttyS0")),
                DeviceSet.SEED.directKernelBoot(boot(false, List.of())).build());
    }

    @Test
    void seedWithDisksBootsFromDAndWithGraphicsKeepsTheWindow() {
        assertEquals(concat(
                        List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", "kvm64", "-m", "1024M", "-smp", "2"),
                        PORTS,
                        List.of("-kernel", "/k/bzImage", "-initrd", "/k/initrd.img", "-append", "console=ttyS0",
                                "-drive", "file=/d/a.img,if=ide,index=0,media=disk",
                                "-boot", "order=d")),
                DeviceSet.SEED.directKernelBoot(boot(true, List.of(Path.of("/d/a.img")))).build());
    }

    @Test
    void callersCanAddToThePreset() {
        List<String> argv = DeviceSet.FAST.directKernelBoot(
                new DirectKernelBoot(Path.of("q"), Accelerator.KVM, 64, 1, Path.of("/k"), Optional.empty(), "", false,
                        List.of()))
                .pidFile(Path.of("/run/q.pid"))
                .build();
        assertEquals(List.of("-kernel", "/k", "-append", "", "-no-reboot", "-pidfile", "/run/q.pid"),
                argv.subList(argv.size() - 7, argv.size()));
        assertEquals(List.of("q", "-accel", "kvm"), argv.subList(0, 3));
    }
}
