package io.github.kvmboot.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.kvmboot.qemu.QemuIds.Kind;

/**
 * Builds a QEMU command line as an argument list (never a shell string). Arguments appear in the
 * order of the calls. Values that end up inside {@code key=value,...} option strings are escaped
 * with {@link QemuOptions#escape}; values QEMU takes as whole arguments are passed unchanged.
 * Ids (chardevs, netdevs, fsdevs) are checked as they are declared, and serial ports are counted
 * so callers learn the guest's name for each ({@link SerialPort}).
 */
public final class QemuCommandBuilder {

    private static final int IDE_SLOTS = 4;
    /** hda/hdb are disks; the CD-ROM takes hdc, as on a classic PC. */
    static final int CDROM_INDEX = 2;

    private final List<String> args = new ArrayList<>();
    private final QemuIds ids = new QemuIds();
    private final Set<Integer> ideIndexes = new HashSet<>();
    private int serialPorts;
    private boolean virtBoard;
    private Optional<SerialPort> reservedSerial = Optional.empty();

    public QemuCommandBuilder(Path qemuBinary) {
        args.add(qemuBinary.toString());
    }

    /** {@code -accel kvm} or {@code -accel tcg}. */
    public QemuCommandBuilder accelerator(Accelerator accelerator) {
        return add("-accel", accelerator.qemuName());
    }

    /** {@code -cpu <model>}. */
    public QemuCommandBuilder cpuModel(String model) {
        return add("-cpu", requireNonBlank(model, "CPU model"));
    }

    /** {@code -m <mib>M}. */
    public QemuCommandBuilder memoryMiB(long mib) {
        if (mib <= 0) {
            throw new IllegalArgumentException("memory must be positive, got " + mib + " MiB");
        }
        return add("-m", mib + "M");
    }

    /** {@code -smp <n>}. */
    public QemuCommandBuilder cpus(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("CPU count must be positive, got " + n);
        }
        return add("-smp", Integer.toString(n));
    }

    /** {@code -kernel <file>}: a plain file name, QEMU does not parse commas here. */
    public QemuCommandBuilder kernel(Path kernel) {
        return add("-kernel", kernel.toString());
    }

    /** {@code -initrd <file>}: a plain file name on x86 (QEMU 7.2 opens {@code a,,b} literally). */
    public QemuCommandBuilder initrd(Path initrd) {
        return add("-initrd", initrd.toString());
    }

    /** {@code -append <cmdline>}: one argument, passed verbatim. */
    public QemuCommandBuilder append(String cmdline) {
        return add("-append", Objects.requireNonNull(cmdline, "cmdline"));
    }

    /** {@code -nodefaults -no-user-config}: no default NIC, VGA, floppy, CD-ROM, serial, parallel, monitor. */
    public QemuCommandBuilder noDefaults() {
        return add("-nodefaults", "-no-user-config");
    }

    /** {@code -no-reboot}: a guest reboot (or a panic with {@code panic=-1}) ends QEMU. */
    public QemuCommandBuilder noReboot() {
        return add("-no-reboot");
    }

    /** {@code -display none}. */
    public QemuCommandBuilder noGraphics() {
        return add("-display", "none");
    }

    /** {@code -nographic} (the seed's way; SeaBIOS then writes escape codes into the console). */
    public QemuCommandBuilder nographic() {
        return add("-nographic");
    }

    /** {@code -vga std}. */
    public QemuCommandBuilder standardVga() {
        return add("-vga", "std");
    }

    /**
     * The first serial port (the guest's ttyS0) on QEMU's stdin/stdout. {@code signal=off}: a
     * Ctrl-C typed into a terminal goes to the guest instead of killing QEMU.
     */
    public QemuCommandBuilder serialOnStdio() {
        String id = chardev("console");
        nextSerialPort();
        return add("-chardev", "stdio,id=" + id + ",signal=off", "-serial", "chardev:" + id);
    }

    /**
     * The next serial port on a new pty; QEMU prints
     * {@code char device redirected to /dev/pts/N (label <label>)} on stdout.
     */
    public QemuCommandBuilder serialOnPty(String label) {
        String id = chardev(label);
        nextSerialPort();
        return add("-chardev", "pty,id=" + id, "-serial", "chardev:" + id);
    }

    /**
     * Takes the guest's number for a serial port added later with {@link #serialToFile}, for when
     * the guest must know the port's name before the command line reaches the port (a generated
     * init named by {@code -initrd}). Until it is added, adding another serial port fails: it
     * would take the number.
     */
    public SerialPort reserveSerialPort() {
        SerialPort port = nextSerialPort();
        reservedSerial = Optional.of(port);
        return port;
    }

    /** The status channel of this machine: a reserved serial port on the PC, a virtio port on a virt board. */
    public StatusChannel reserveStatusChannel() {
        return virtBoard ? VirtioPort.STATUS : reserveSerialPort();
    }

    /** The status channel reserved before ({@link #reserveStatusChannel}), written to a host file. */
    public StatusChannel statusChannelToFile(StatusChannel reserved, String id, Path file) {
        if (reserved instanceof SerialPort port) {
            return serialToFile(port, id, file);
        }
        VirtBoard.portToFile(this, (VirtioPort) reserved, id, file);
        return reserved;
    }

    /** Set by {@link VirtBoard}: no UARTs beyond the first, no IDE; virtio instead. */
    void virtBoard() {
        virtBoard = true;
    }

    boolean isVirtBoard() {
        return virtBoard;
    }

    /** The next serial port written to a host file, e.g. a status channel; returns the guest's port. */
    public SerialPort serialToFile(String id, Path file) {
        return serialToFile(reserveSerialPort(), id, file);
    }

    /** The serial port {@code reserved} before, written to a host file. */
    public SerialPort serialToFile(SerialPort reserved, String id, Path file) {
        if (!reservedSerial.equals(Optional.of(reserved))) {
            throw new IllegalStateException("serial port " + reserved.guestDevice() + " was not the one reserved last");
        }
        String chardev = chardev(id);
        reservedSerial = Optional.empty();
        // append: a QEMU started again for a guest resuming from disk keeps what the first one's guest wrote
        add("-chardev", "file,id=" + chardev + ",path=" + QemuOptions.escape(file.toString()) + ",append=on",
                "-serial", "chardev:" + chardev);
        return reserved;
    }

    /** The human monitor on a pty labelled {@code monitor}. */
    public QemuCommandBuilder monitorOnPty() {
        String id = chardev("monitor");
        return add("-chardev", "pty,id=" + id, "-mon", "chardev=" + id + ",mode=readline");
    }

    /** A QMP server on a unix socket QEMU creates (and does not wait on): the supervisor's. */
    public QemuCommandBuilder qmpSocket(Path socket) {
        return qmpServer("qmp", socket);
    }

    /**
     * A second QMP server for other processes (kvmboot:qmp, kvmboot:wakeup from another terminal):
     * QEMU serves one client per QMP socket, and the supervisor holds the first.
     */
    public QemuCommandBuilder qmpControlSocket(Path socket) {
        return qmpServer("qmp-control", socket);
    }

    private QemuCommandBuilder qmpServer(String label, Path socket) {
        String id = chardev(label);
        return add("-chardev", "socket,id=" + id + ",path=" + QemuOptions.escape(socket.toString())
                + ",server=on,wait=off", "-mon", "chardev=" + id + ",mode=control");
    }

    /** {@code -pidfile <file>}: a plain file name. */
    public QemuCommandBuilder pidFile(Path file) {
        return add("-pidfile", file.toString());
    }

    /**
     * An IDE disk; index 0 and 1 are what {@code -hda} and {@code -hdb} would give. Without a
     * format QEMU probes it (and warns for raw images).
     */
    public QemuCommandBuilder disk(Path image, int index, Optional<String> format, boolean readOnly) {
        StringBuilder spec = new StringBuilder(driveFile(image, index))
                .append(",if=ide,index=").append(index).append(",media=disk");
        format.ifPresent(f -> spec.append(",format=").append(QemuOptions.escape(requireNonBlank(f, "disk format"))));
        if (readOnly) {
            spec.append(",readonly=on");
        }
        return add("-drive", spec.toString());
    }

    /** An IDE CD-ROM at index 2 (hdc), leaving 0 and 1 to disks. */
    public QemuCommandBuilder cdrom(Path iso) {
        return add("-drive", driveFile(iso, CDROM_INDEX) + ",media=cdrom,if=ide,index=" + CDROM_INDEX);
    }

    /** {@code -boot order=<order>} (e.g. {@code c} disk, {@code d} CD-ROM). */
    public QemuCommandBuilder bootOrder(String order) {
        if (!order.matches("[a-p]+")) {
            throw new IllegalArgumentException("boot order must be drive letters a-p, got '" + order + "'");
        }
        return add("-boot", "order=" + order);
    }

    /** {@code -snapshot}: disk writes go to temporary files. */
    public QemuCommandBuilder snapshot() {
        return add("-snapshot");
    }

    /** {@code -device pvpanic-pci}: a guest panic becomes the QMP event GUEST_PANICKED (CONFIG_PVPANIC_PCI). */
    public QemuCommandBuilder pvpanic() {
        return device("pvpanic-pci");
    }

    /**
     * {@code -global PIIX4_PM.disable_s3=0 -global PIIX4_PM.disable_s4=0}: the pc machine's ACPI
     * offers S3 (suspend to RAM, woken by QMP system_wakeup) and S4 (hibernation) to the guest.
     */
    public QemuCommandBuilder acpiSleepStates() {
        return add("-global", "PIIX4_PM.disable_s3=0", "-global", "PIIX4_PM.disable_s4=0");
    }

    /**
     * A raw image as a virtio-blk disk the guest finds by its {@code serial} (e.g. the hibernation
     * swap disk): {@code -drive file=<file>,if=none,id=<id>,format=raw -device virtio-blk-pci,drive=<id>,serial=<serial>}.
     */
    public QemuCommandBuilder virtioDisk(String id, Path file, String serial) {
        if (!serial.matches("[A-Za-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("virtio-blk serial must be 1-20 letters, digits or '-', got '" + serial + "'");
        }
        String drive = ids.declare(Kind.DRIVE, id);
        add("-drive", "file=" + QemuOptions.escape(file.toString()) + ",if=none,id=" + drive + ",format=raw");
        return device("virtio-blk-pci,drive=" + drive + ",serial=" + serial);
    }

    /** {@code -gdb tcp:127.0.0.1:<port>}: QEMU's gdb stub, reachable from this host only. */
    public QemuCommandBuilder gdbStub(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        return add("-gdb", "tcp:127.0.0.1:" + port);
    }

    /** {@code -S}: the CPU stays halted before its first instruction until gdb (or QMP cont) continues it. */
    public QemuCommandBuilder haltAtStart() {
        return add("-S");
    }

    /** {@code -action panic=pause}: a pvpanic report pauses the guest (status guest-panicked) instead of ending QEMU. */
    public QemuCommandBuilder pauseOnPanic() {
        return add("-action", "panic=pause");
    }

    /** {@code -L <dir>}: where QEMU looks for firmware (BIOS, option ROMs); a plain directory name. */
    public QemuCommandBuilder firmwareDirectory(Path directory) {
        return add("-L", directory.toString());
    }

    /** {@code -nic none}: no network card, not even QEMU's default one. */
    public QemuCommandBuilder noNetwork() {
        return add("-nic", "none");
    }

    /** {@code -netdev user,id=<id>,hostfwd=...}: user-mode networking (slirp), the forwards on loopback. */
    public QemuCommandBuilder userNetdev(String id, List<PortForward> forwards) {
        StringBuilder spec = new StringBuilder("user,id=").append(ids.declare(Kind.NETDEV, id));
        forwards.forEach(f -> spec.append(",hostfwd=").append(f.hostfwd()));
        return add("-netdev", spec.toString());
    }

    /** {@code -netdev vde,id=<id>,sock=<socket>}: a port on a VDE switch. */
    public QemuCommandBuilder vdeNetdev(String id, Path switchSocket) {
        return add("-netdev", "vde,id=" + ids.declare(Kind.NETDEV, id) + ",sock=" + QemuOptions.escape(switchSocket.toString()));
    }

    /** A virtio network card on a netdev declared before; no option ROM (no iPXE: nothing boots from the network). */
    public QemuCommandBuilder virtioNic(String netdevId, String mac) {
        return device("virtio-net-pci,netdev=" + ids.requireDeclared(Kind.NETDEV, netdevId) + ",romfile=,mac="
                + QemuOptions.escape(requireNonBlank(mac, "MAC address")));
    }

    /** {@code -device <spec>}, verbatim (the caller escapes any values inside). */
    public QemuCommandBuilder device(String spec) {
        return add("-device", requireNonBlank(spec, "device spec"));
    }

    /** Arguments exactly as given (user-provided options such as useTarget). */
    public QemuCommandBuilder rawArgs(List<String> raw) {
        for (String arg : raw) {
            args.add(Objects.requireNonNull(arg, "raw argument"));
        }
        return this;
    }

    /** The argument list; fails while a reserved serial port is still missing (the guest would wait on it). */
    public List<String> build() {
        reservedSerial.ifPresent(port -> {
            throw new IllegalStateException("serial port " + port.guestDevice() + " was reserved but never added");
        });
        return List.copyOf(args);
    }

    private String driveFile(Path image, int index) {
        if (index < 0 || index >= IDE_SLOTS) {
            throw new IllegalArgumentException("IDE index must be 0.." + (IDE_SLOTS - 1) + ", got " + index);
        }
        if (!ideIndexes.add(index)) {
            throw new IllegalStateException("IDE index " + index + " is already used");
        }
        return "file=" + QemuOptions.escape(image.toString());
    }

    /** Declares a chardev id (for device groups of this package, e.g. {@link VirtBoard}). */
    String chardev(String id) {
        return ids.declare(Kind.CHARDEV, id);
    }

    /** Declares an id of another kind (for device groups of this package, e.g. {@link SharedDirectories}). */
    String declare(Kind kind, String id) {
        return ids.declare(kind, id);
    }

    private SerialPort nextSerialPort() {
        reservedSerial.ifPresent(port -> {
            throw new IllegalStateException("serial port " + port.guestDevice() + " is reserved: add it before any other");
        });
        return new SerialPort(serialPorts++);
    }

    /** Appends arguments as given (for device groups of this package, which escape their values). */
    QemuCommandBuilder add(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    static String requireNonBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
