package io.github.kvmboot.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.arch.Architecture;

/**
 * The devices of QEMU's {@code virt} board (arm64, riscv64), where the PC's extra UARTs, IDE and ISA
 * devices do not exist: the console on the board's one UART (stdio), the two extra consoles as
 * virtio consoles on ptys (the guest's hvc0 and hvc1, labels {@code hvc0}, {@code hvc1}), the
 * monitor on a pty, disks on virtio-blk, and the exec status channel as a named virtio-serial
 * port ({@link VirtioPort}).
 */
public final class VirtBoard {

    /** The virtio-serial controller the consoles and the status port hang on. */
    static final String SERIAL_BUS = "kvmboot-vserial";

    private VirtBoard() {
    }

    static QemuCommandBuilder machine(MachineSpec spec) {
        Architecture arch = spec.architecture();
        QemuCommandBuilder b = new QemuCommandBuilder(spec.qemuBinary());
        b.virtBoard();
        arch.machine().ifPresent(m -> b.add("-M", m));
        b.accelerator(spec.accelerator());
        Optional<String> cpu = spec.accelerator() == Accelerator.KVM ? Optional.of("host") : arch.tcgCpu();
        cpu.ifPresent(b::cpuModel);
        b.noDefaults().memoryMiB(spec.memoryMiB()).cpus(spec.cpus()).noGraphics();
        b.serialOnStdio();
        b.device("virtio-serial-pci,id=" + SERIAL_BUS);
        for (String label : List.of("hvc0", "hvc1")) {
            String id = b.chardev(label);
            b.add("-chardev", "pty,id=" + id);
            b.device("virtconsole,bus=" + SERIAL_BUS + ".0,chardev=" + id);
        }
        return b.monitorOnPty();
    }

    static void disks(QemuCommandBuilder b, List<Path> disks) {
        for (int i = 0; i < disks.size(); i++) {
            String id = "kvmboot-disk" + i;
            StringBuilder drive = new StringBuilder("file=").append(QemuOptions.escape(disks.get(i).toString()))
                    .append(",if=none,id=").append(id);
            ImageFormat.detect(disks.get(i)).ifPresent(f -> drive.append(",format=").append(QemuOptions.escape(f)));
            b.add("-drive", drive.toString());
            b.device("virtio-blk-pci,drive=" + id);
        }
    }

    /** A virtio-serial port named {@code port.name()} written to {@code file} (the exec status channel). */
    static void portToFile(QemuCommandBuilder b, VirtioPort port, String chardevId, Path file) {
        String id = b.chardev(chardevId);
        b.add("-chardev", "file,id=" + id + ",path=" + QemuOptions.escape(file.toString()));
        b.device("virtserialport,bus=" + SERIAL_BUS + ".0,chardev=" + id + ",name=" + QemuOptions.escape(port.name()));
    }
}
