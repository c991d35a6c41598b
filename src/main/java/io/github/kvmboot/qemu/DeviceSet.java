package io.github.kvmboot.qemu;

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
        public QemuCommandBuilder directKernelBoot(DirectKernelBoot boot) {
            QemuCommandBuilder b = new QemuCommandBuilder(boot.qemuBinary())
                    .accelerator(boot.accelerator())
                    .noDefaults()
                    .memoryMiB(boot.memoryMiB())
                    .cpus(boot.cpus());
            if (boot.graphics()) {
                b.standardVga();
            } else {
                b.noGraphics();
            }
            ports(b);
            kernel(b, boot);
            disks(b, boot);
            return b.noReboot();
        }
    },
    /** What the original kvm-boot shell scripts passed, with QEMU's defaults in place. */
    SEED {
        @Override
        public QemuCommandBuilder directKernelBoot(DirectKernelBoot boot) {
            QemuCommandBuilder b = new QemuCommandBuilder(boot.qemuBinary())
                    .accelerator(boot.accelerator())
                    .cpuModel("kvm64")
                    .memoryMiB(boot.memoryMiB())
                    .cpus(boot.cpus());
            if (!boot.graphics()) {
                b.nographic();
            }
            ports(b);
            kernel(b, boot);
            disks(b, boot);
            if (!boot.disks().isEmpty()) {
                b.bootOrder("d");
            }
            return b;
        }
    };

    /**
     * A builder holding this set's arguments for the boot; callers may add more (QMP socket,
     * pid file, raw user arguments) before {@link QemuCommandBuilder#build()}.
     */
    public abstract QemuCommandBuilder directKernelBoot(DirectKernelBoot boot);

    private static void ports(QemuCommandBuilder b) {
        b.serialOnStdio().serialOnPty("ttyS1").serialOnPty("ttyS2").monitorOnPty();
    }

    private static void kernel(QemuCommandBuilder b, DirectKernelBoot boot) {
        b.kernel(boot.kernel());
        boot.initrd().ifPresent(b::initrd);
        b.append(boot.append());
    }

    private static void disks(QemuCommandBuilder b, DirectKernelBoot boot) {
        for (int i = 0; i < boot.disks().size(); i++) {
            b.disk(boot.disks().get(i), i, Optional.empty(), false);
        }
    }
}
