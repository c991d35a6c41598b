package io.github.kvmboot.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The two argument sets for a direct kernel boot. Both give the user the same things: the
 * console on stdio, ttyS1 and ttyS2 on ptys, the monitor on a pty (labels {@code ttyS1},
 * {@code ttyS2}, {@code monitor}).
 */
public enum DeviceSet {
    /**
     * The plugin's default: no default devices (no NIC, floppy, CD-ROM, parallel port, VGA), no
     * display, and QEMU exits instead of rebooting. Also keeps SeaBIOS' terminal escape codes
     * ({@code -nographic}) out of the console.
     */
    FAST {
        @Override
        QemuCommandBuilder machine(Path qemu, Accelerator accelerator, long memoryMiB, int cpus, boolean graphics) {
            QemuCommandBuilder b = new QemuCommandBuilder(qemu)
                    .accelerator(accelerator)
                    .noDefaults()
                    .memoryMiB(memoryMiB)
                    .cpus(cpus);
            if (graphics) {
                b.standardVga();
            } else {
                b.noGraphics();
            }
            return ports(b);
        }

        @Override
        QemuCommandBuilder tail(QemuCommandBuilder b, boolean hasDisks) {
            return b.noReboot();
        }
    },
    /** What the original kvm-boot shell scripts passed, with QEMU's defaults in place. */
    SEED {
        @Override
        QemuCommandBuilder machine(Path qemu, Accelerator accelerator, long memoryMiB, int cpus, boolean graphics) {
            QemuCommandBuilder b = new QemuCommandBuilder(qemu)
                    .accelerator(accelerator)
                    .cpuModel("kvm64")
                    .memoryMiB(memoryMiB)
                    .cpus(cpus);
            if (!graphics) {
                b.nographic();
            }
            return ports(b);
        }

        @Override
        QemuCommandBuilder tail(QemuCommandBuilder b, boolean hasDisks) {
            return hasDisks ? b.bootOrder("d") : b;
        }
    };

    abstract QemuCommandBuilder machine(Path qemu, Accelerator accelerator, long memoryMiB, int cpus, boolean graphics);

    abstract QemuCommandBuilder tail(QemuCommandBuilder b, boolean hasDisks);

    /**
     * A builder holding this set's arguments for the boot; callers may add more (QMP socket,
     * pid file, raw user arguments) before {@link QemuCommandBuilder#build()}.
     */
    public QemuCommandBuilder directKernelBoot(DirectKernelBoot boot) {
        return kernelBoot(machine(new MachineSpec(boot.qemuBinary(), boot.accelerator(), boot.memoryMiB(), boot.cpus(),
                boot.graphics())), boot.kernel(), boot.initrd(), boot.append(), boot.disks());
    }

    /**
     * The machine alone: binary, accelerator, size, display and the console ports, for callers
     * that need the builder (e.g. to reserve a serial port) before {@link #kernelBoot}.
     */
    public QemuCommandBuilder machine(MachineSpec spec) {
        if (!spec.architecture().isPc()) {
            return VirtBoard.machine(spec); // both sets: the PC's devices do not exist there
        }
        return machine(spec.qemuBinary(), spec.accelerator(), spec.memoryMiB(), spec.cpus(), spec.graphics());
    }

    /** Completes {@link #machine} into a direct kernel boot, as {@link #directKernelBoot} does. */
    public QemuCommandBuilder kernelBoot(QemuCommandBuilder machine, Path kernel, Optional<Path> initrd, String append,
            List<Path> disks) {
        machine.kernel(kernel);
        initrd.ifPresent(machine::initrd);
        machine.append(append);
        disks(machine, disks);
        return machine.isVirtBoard() ? machine.noReboot() : tail(machine, !disks.isEmpty());
    }

    /** The same machine booting the first disk's own bootloader (no -kernel). */
    public QemuCommandBuilder diskBoot(MachineSpec spec, List<Path> disks) {
        QemuCommandBuilder b = machine(spec);
        disks(b, disks);
        return tail(b, !disks.isEmpty());
    }

    /**
     * An installer boot: the same machine with the disks, the ISO as IDE CD-ROM (hdc), booting
     * from the CD-ROM. With FAST, the installer's final reboot ends QEMU instead of starting the
     * installer again.
     */
    public QemuCommandBuilder installBoot(MachineSpec spec, List<Path> disks, Path iso) {
        QemuCommandBuilder b = machine(spec);
        disks(b, disks);
        b.cdrom(iso).bootOrder("d");
        return tail(b, false);
    }

    private static QemuCommandBuilder ports(QemuCommandBuilder b) {
        return b.serialOnStdio().serialOnPty("ttyS1").serialOnPty("ttyS2").monitorOnPty();
    }

    private static void disks(QemuCommandBuilder b, List<Path> disks) {
        if (b.isVirtBoard()) {
            VirtBoard.disks(b, disks);
            return;
        }
        for (int i = 0; i < disks.size(); i++) {
            b.disk(disks.get(i), i, ImageFormat.detect(disks.get(i)), false);
        }
    }
}
