package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.console.TerminalSize;
import io.github.kvmboot.guest.ExecInitramfs;
import io.github.kvmboot.kernel.BootDirScanner;
import io.github.kvmboot.kernel.BootEntry;
import io.github.kvmboot.arch.Architecture;
import io.github.kvmboot.arch.KernelImages;
import io.github.kvmboot.kernel.BzImage;
import io.github.kvmboot.kernel.InitramfsLocator;
import io.github.kvmboot.kernel.KernelDiscoveryException;
import io.github.kvmboot.kernel.KernelLocator;
import io.github.kvmboot.kernel.PvhKernel;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.Accelerator;
import io.github.kvmboot.suspend.SuspendMode;
import io.github.kvmboot.qemu.DeviceSet;

/**
 * What to boot: a kernel (kernel, kvmboot.latest, or by default the newest in kvmboot.bootDir) with
 * its initramfs, or the target disk's bootloader. A kernel without an initramfs found gets kvmboot's
 * generated shell initramfs, unless kvmboot.initrd=auto asks for inference only.
 */
final class KernelPlanner {

    private static final String DEFAULT_APPEND = "console=ttyS0,115200 panic=-1";
    /** What the default adds under TCG, each kept because a measurement said it helps (see {@link #append}). */
    static final String TCG_APPEND = "no_timer_check cryptomgr.notests";
    /** kvmboot.initrd=auto: the initramfs must be inferred from the kernel release, none found fails. */
    static final String AUTO = "auto";
    /** kvmboot.initrd=shell: kvmboot's generated initramfs with an interactive shell, whatever is installed. */
    static final String SHELL = "shell";

    /**
     * @param kernel      empty for a disk boot
     * @param release     the kernel's release ("" for a disk boot)
     * @param probeKernel the kernel a KVM test guest runs ({@link AcceleratorChooser})
     * @param shell       no initramfs was found: boot the generated one with an interactive shell
     * @param architecture the kernel's (x86_64 for a disk boot)
     */
    record Target(Optional<Path> kernel, String release, Optional<Path> initrd, Optional<Path> probeKernel,
            boolean shell, Architecture architecture) {
        Target(Optional<Path> kernel, String release, Optional<Path> initrd, Optional<Path> probeKernel) {
            this(kernel, release, initrd, probeKernel, false, Architecture.X86_64);
        }

        Target withArchitecture(Architecture a) {
            return new Target(kernel, release, initrd, probeKernel, shell, a);
        }
    }

    private final BuildLog log;
    private final HostEnvironment host;

    KernelPlanner(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    /** @param generatedInitramfs kvmboot.exec makes the initramfs: none is looked for */
    Target target(ResolvedSettings s, boolean generatedInitramfs) throws SettingException {
        Optional<String> kernel = s.optional(KERNEL);
        boolean latest = s.flag(LATEST);
        boolean diskBoot = s.flag(DISK_BOOT);
        checkCombinations(s, kernel, latest, diskBoot);
        Path bootDir = host.resolve(s.required(BOOT_DIR, "set kvmboot.bootDir to the directory with vmlinuz-<release> files"));
        if (kernel.isPresent()) {
            Optional<Architecture> requested = ArchitectureChoice.requested(s);
            Path image;
            try {
                image = KernelLocator.resolveKernel(host.resolve(kernel.get()), ArchitectureChoice.treeImages(requested));
            } catch (KernelDiscoveryException e) {
                throw s.invalid(KERNEL, e.getMessage(),
                        "point it at a bzImage (arch/x86/boot/bzImage of a built tree, or /boot/vmlinuz-*) or at the kernel tree");
            }
            Architecture arch = ArchitectureChoice.of(s, image, requested);
            String release = arch.isPc() ? bzImageRelease(s, image) : imageRelease(s, image, arch);
            return withInitrd(s, bootDir, image, release, Optional.empty(), generatedInitramfs).withArchitecture(arch);
        }
        boolean defaultTarget = !latest && !diskBoot && s.optional(TARGET).isEmpty() && s.optional(USE_TARGET).isEmpty();
        if (latest || defaultTarget) {
            BootEntry newest;
            try {
                newest = BootDirScanner.newest(bootDir);
            } catch (KernelDiscoveryException e) {
                throw defaultTarget
                        ? s.invalid(KERNEL, "nothing to boot: no kernel given and " + e.getMessage(),
                                "pass -Dkernel=arch/x86/boot/bzImage (or /boot/vmlinuz-*), install a kernel into "
                                        + bootDir + " (Debian/Ubuntu: apt-get install linux-image-cloud-amd64), point"
                                        + " -Dkvmboot.bootDir at a directory with vmlinuz-<release> files, or boot a"
                                        + " disk with -Dkvmboot.target=IMAGE -Dkvmboot.diskBoot")
                        : s.invalid(BOOT_DIR, e.getMessage(), "point kvmboot.bootDir at a directory with vmlinuz-<release> files");
            }
            if (defaultTarget) {
                log.info("kvmboot: no kernel given: booting the newest kernel in " + bootDir + ", " + newest.kernel()
                        .getFileName() + " (-Dkernel=PATH boots another)");
            }
            return withInitrd(s, bootDir, newest.kernel(), newest.release(), newest.initramfs(), generatedInitramfs);
        }
        Optional<Architecture> diskArch = ArchitectureChoice.requested(s);
        if (diskArch.isPresent() && !diskArch.get().isPc()) {
            throw s.invalid(ARCH, "a disk's own bootloader on the " + diskArch.get() + " virt board needs UEFI firmware"
                    + " (edk2), which kvmboot does not set up", "boot the guest's kernel directly (-Dkernel=... with"
                    + " kvmboot.target as its disk), or boot the disk yourself with kvmboot.command");
        }
        if (s.optional(TARGET).isEmpty() && s.optional(USE_TARGET).isEmpty()) {
            throw s.invalid(TARGET, "kvmboot.diskBoot needs a target image to boot from",
                    "set kvmboot.target to the disk image, e.g. -Dkvmboot.target=/opt/qemu/guest.qcow2");
        }
        return new Target(Optional.empty(), "", Optional.empty(), hostProbeKernel());
    }

    private static String bzImageRelease(ResolvedSettings s, Path image) throws SettingException {
        try {
            return BzImage.readRelease(image);
        } catch (KernelDiscoveryException e) {
            throw s.invalid(KERNEL, e.getMessage(),
                    "point it at a bzImage (arch/x86/boot/bzImage of a built tree, or /boot/vmlinuz-*) or at the kernel tree");
        }
    }

    /** An arm64/RISC-V Image has no version in its header: its {@code Linux version} banner tells. */
    private static String imageRelease(ResolvedSettings s, Path image, Architecture arch) throws SettingException {
        try {
            return KernelImages.imageRelease(image).orElseThrow(() -> s.invalid(KERNEL, "the " + arch + " kernel image "
                    + image + " holds no 'Linux version' banner to read its release from (a compressed format other"
                    + " than gzip?)", "boot the Image (or Image.gz) that make built"));
        } catch (java.io.IOException e) {
            throw s.invalid(KERNEL, "cannot read " + image + ": " + e.getMessage(), "point it at a readable kernel image");
        }
    }

    private Target withInitrd(ResolvedSettings s, Path bootDir, Path kernel, String release, Optional<Path> found,
            boolean generatedInitramfs) throws SettingException {
        if (generatedInitramfs) {
            return new Target(Optional.of(kernel), release, Optional.empty(), Optional.of(kernel));
        }
        Optional<Path> initrd = initrd(s, bootDir, release, found);
        boolean shell = initrd.isEmpty() && !s.isNone(INITRD);
        return new Target(Optional.of(kernel), release, initrd, Optional.of(kernel), shell, Architecture.X86_64);
    }

    private static void checkCombinations(ResolvedSettings s, Optional<String> kernel, boolean latest, boolean diskBoot)
            throws SettingException {
        if (kernel.isPresent() && diskBoot) {
            throw s.invalid(DISK_BOOT, "cannot be combined with kernel = '" + kernel.get() + "' ("
                    + s.get(KERNEL).origin() + "): diskBoot boots the target image's own bootloader",
                    "drop kvmboot.diskBoot to boot the kernel directly, or drop kernel to boot the disk");
        }
        if (kernel.isPresent() && latest) {
            throw s.invalid(LATEST, "cannot be combined with kernel = '" + kernel.get() + "' ("
                    + s.get(KERNEL).origin() + ")", "drop one of them");
        }
        if (latest && diskBoot) {
            throw s.invalid(LATEST, "cannot be combined with kvmboot.diskBoot", "drop one of them");
        }
    }

    /** Without a kernel of our own, KVM is probed with the host's newest installed kernel. */
    Optional<Path> hostProbeKernel() {
        try {
            return Optional.of(BootDirScanner.newest(host.resolve("/boot")).kernel());
        } catch (KernelDiscoveryException e) {
            log.debug("no host kernel to probe KVM with: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Path> initrd(ResolvedSettings s, Path bootDir, String release, Optional<Path> found)
            throws SettingException {
        if (s.isNone(INITRD)) {
            return Optional.empty();
        }
        Optional<String> given = s.optional(INITRD);
        boolean auto = given.map(v -> v.trim().equalsIgnoreCase(AUTO)).orElse(false);
        if (given.map(v -> v.trim().equalsIgnoreCase(SHELL)).orElse(false)) {
            return Optional.empty();
        }
        if (given.isPresent() && !auto) {
            Path initrd = host.resolve(given.get());
            if (!Files.isRegularFile(initrd) || !Files.isReadable(initrd)) {
                throw s.invalid(INITRD, "no readable file at " + initrd,
                        "point it at an initramfs image, or set kvmboot.initrd=none to boot without one");
            }
            return Optional.of(initrd);
        }
        if (found.isPresent()) {
            return found;
        }
        try {
            return Optional.of(InitramfsLocator.find(bootDir, release));
        } catch (KernelDiscoveryException e) {
            if (!auto) {
                log.debug(e.getMessage());
                return Optional.empty(); // the generated shell initramfs
            }
            throw s.invalid(INITRD, "no initramfs for kernel release " + release + " (" + e.getMessage() + ")",
                    "set kvmboot.initrd to an initramfs path, kvmboot.initrd=none to boot without one, or leave it"
                            + " unset for kvmboot's generated shell initramfs");
        }
    }

    /** The host terminal's size for the generated init, which sets it with stty (see {@code InitScript}). */
    static String withTerminalSize(String append, Optional<TerminalSize> size) {
        return size.map(t -> append + " " + ExecInitramfs.ROWS_PARAMETER + "=" + t.rows() + " "
                + ExecInitramfs.COLUMNS_PARAMETER + "=" + t.columns()).orElse(append);
    }

    /**
     * kvmboot.append, else the default. Under TCG on a loaded host the kernel's IO-APIC timer check
     * can time out and panic ("IO-APIC + timer doesn't work!"); no_timer_check skips a check that
     * only matters on hardware. cryptomgr.notests skips the crypto API's boot-time self-tests, about
     * 0.3-0.5 s of a TCG boot of Debian's kernel (bench/boot-options.sh); a kernel developer who
     * wants them sets kvmboot.append.
     */
    static String append(ResolvedSettings s, Machine machine, boolean hasDisk) {
        if (!machine.architecture().isPc()) {
            return s.optional(APPEND).orElseGet(() -> "console=" + machine.architecture().consoleDevice() + " panic=-1"
                    + (hasDisk ? " root=/dev/vda1 rw" : ""));
        }
        return s.optional(APPEND).orElseGet(() -> (machine.graphics() ? "console=tty0 " : "") + DEFAULT_APPEND
                + (hasDisk ? " root=/dev/sda1 rw" : "") + (machine.accelerator() == Accelerator.TCG ? " " + TCG_APPEND : ""));
    }

    /**
     * kvmboot.pvh=auto under TCG on the PC with the fast device set: the kernel's vmlinux with a PVH
     * entry, which QEMU boots without the firmware running the bzImage's setup code and decompressor
     * (see {@link PvhKernel}); empty boots the image as it is. Not the default: a PVH-booted guest
     * dies on its wakeup from S3 (QEMU 7.2, Debian's 6.1 kernel), which a default boot must survive
     * when the user suspends it by hand; so never with kvmboot.suspend=mem.
     */
    static Optional<Path> pvhEntry(ResolvedSettings s, Machine machine, Path kernel, HostEnvironment host)
            throws SettingException {
        boolean wanted = s.choice(PVH, Pvh.class) == Pvh.AUTO && machine.accelerator() == Accelerator.TCG
                && machine.architecture().isPc() && machine.deviceSet() == DeviceSet.FAST
                && SuspendPlanner.mode(s) != SuspendMode.MEM;
        return wanted ? PvhKernel.find(kernel, host.cacheDirectory()) : Optional.empty();
    }

    /** The values of kvmboot.pvh. */
    enum Pvh { OFF, AUTO }
}
