package io.github.kvmboot.arch;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The guest architectures kvmboot boots, one profile each: what QEMU, the kernel tree and the
 * generated init need to know about it. Adding an architecture is adding a constant here (and its
 * QEMU fragment for kvmboot:kernel-config). x86_64 is the PC kvmboot always booted, unchanged;
 * the others boot QEMU's {@code virt} board with virtio devices.
 */
public enum Architecture {

    X86_64("x86_64", List.of("amd64", "x86"), "x86", "arch/x86/boot/bzImage", "ttyS0", 62,
            "qemu-system-x86_64", "qemu-system-x86", "qemu-system-x86-core", Optional.empty(), Optional.empty(), "x86_64-linux-gnu-"),
    ARM64("arm64", List.of("aarch64"), "arm64", "arch/arm64/boot/Image", "ttyAMA0", 183,
            "qemu-system-aarch64", "qemu-system-arm", "qemu-system-aarch64-core", Optional.of("virt"),
            // plain max emulates pointer authentication the slow way: Debian's kernel booted 3x slower
            Optional.of("max,pauth-impdef=on"),
            "aarch64-linux-gnu-"),
    RISCV64("riscv64", List.of("riscv"), "riscv", "arch/riscv/boot/Image", "ttyS0", 243,
            "qemu-system-riscv64", "qemu-system-misc", "qemu-system-riscv-core", Optional.of("virt"), Optional.empty(),
            "riscv64-linux-gnu-");

    private final String name;
    private final List<String> aliases;
    private final String kbuildArch;
    private final String treeImage;
    private final String console;
    private final int elfMachine;
    private final String qemuBinary;
    private final String debianQemuPackage;
    private final String fedoraQemuPackage;
    private final Optional<String> machine;
    private final Optional<String> tcgCpu;
    private final String crossCompile;

    Architecture(String name, List<String> aliases, String kbuildArch, String treeImage, String console, int elfMachine,
            String qemuBinary, String debianQemuPackage, String fedoraQemuPackage, Optional<String> machine,
            Optional<String> tcgCpu, String crossCompile) {
        this.name = name;
        this.aliases = aliases;
        this.kbuildArch = kbuildArch;
        this.treeImage = treeImage;
        this.console = console;
        this.elfMachine = elfMachine;
        this.qemuBinary = qemuBinary;
        this.debianQemuPackage = debianQemuPackage;
        this.fedoraQemuPackage = fedoraQemuPackage;
        this.machine = machine;
        this.tcgCpu = tcgCpu;
        this.crossCompile = crossCompile;
    }

    /** By its name ({@code arm64}) or an alias ({@code aarch64}, {@code amd64}, {@code riscv}), any case. */
    public static Optional<Architecture> named(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.name.equals(v) || a.aliases.contains(v)).findFirst();
    }

    /** The JVM's own, from {@code os.arch} (amd64, aarch64, riscv64). */
    public static Optional<Architecture> host() {
        return named(System.getProperty("os.arch", ""));
    }

    /** The names users may give, for messages. */
    public static String choices() {
        return String.join(", ", Arrays.stream(values()).map(a -> a.name).toList());
    }

    @Override
    public String toString() {
        return name;
    }

    /** {@code ARCH=} for the kernel's make. */
    public String kbuildArch() {
        return kbuildArch;
    }

    /** The image {@code make} builds, relative to the build directory. */
    public String treeImage() {
        return treeImage;
    }

    /** The console device the kernel command line names ({@code console=}). */
    public String consoleDevice() {
        return console;
    }

    /** {@code e_machine} of this architecture's ELF programs (EM_X86_64, EM_AARCH64, EM_RISCV). */
    public int elfMachine() {
        return elfMachine;
    }

    public String qemuBinary() {
        return qemuBinary;
    }

    /** How to get {@link #qemuBinary}, for messages. */
    public String qemuPackages() {
        return "Debian/Ubuntu: " + debianQemuPackage + "; Fedora: " + fedoraQemuPackage;
    }

    /** {@code -M} for it, empty: QEMU's default (the PC). */
    public Optional<String> machine() {
        return machine;
    }

    /** {@code -cpu} under TCG, empty: QEMU's default for the machine; under KVM always {@code host}. */
    public Optional<String> tcgCpu() {
        return tcgCpu;
    }

    /** True for the PC with its UARTs, IDE and ISA devices; false for a {@code virt} board with virtio only. */
    public boolean isPc() {
        return this == X86_64;
    }

    /** The Debian cross toolchain's prefix ({@code CROSS_COMPILE=}) when the host is another architecture. */
    public String debianCrossCompile() {
        return crossCompile;
    }
}
