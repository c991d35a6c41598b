package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.kernel.BootDirScanner;
import io.github.kvmboot.kernel.BootEntry;
import io.github.kvmboot.kernel.BzImage;
import io.github.kvmboot.kernel.InitramfsLocator;
import io.github.kvmboot.kernel.KernelDiscoveryException;
import io.github.kvmboot.kernel.KernelLocator;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.Accelerator;

/** What to boot: a kernel (kernel, kvmboot.latest) with its initramfs, or the target disk's bootloader. */
final class KernelPlanner {

    private static final String DEFAULT_APPEND = "console=ttyS0,115200 panic=-1";

    /**
     * @param kernel      empty for a disk boot
     * @param release     the kernel's release ("" for a disk boot)
     * @param probeKernel the kernel a KVM test guest runs ({@link AcceleratorChooser})
     */
    record Target(Optional<Path> kernel, String release, Optional<Path> initrd, Optional<Path> probeKernel) { }

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
            Path image;
            String release;
            try {
                image = KernelLocator.resolveKernel(host.resolve(kernel.get()));
                release = BzImage.readRelease(image);
            } catch (KernelDiscoveryException e) {
                throw s.invalid(KERNEL, e.getMessage(),
                        "point it at a bzImage (arch/x86/boot/bzImage of a built tree, or /boot/vmlinuz-*) or at the kernel tree");
            }
            return new Target(Optional.of(image), release,
                    generatedInitramfs ? Optional.empty() : initrd(s, bootDir, release, Optional.empty()), Optional.of(image));
        }
        if (latest) {
            BootEntry newest;
            try {
                newest = BootDirScanner.newest(bootDir);
            } catch (KernelDiscoveryException e) {
                throw s.invalid(BOOT_DIR, e.getMessage(), "point kvmboot.bootDir at a directory with vmlinuz-<release> files");
            }
            return new Target(Optional.of(newest.kernel()), newest.release(),
                    generatedInitramfs ? Optional.empty() : initrd(s, bootDir, newest.release(), newest.initramfs()),
                    Optional.of(newest.kernel()));
        }
        if (!diskBoot && s.optional(TARGET).isEmpty() && s.optional(USE_TARGET).isEmpty()) {
            throw s.invalid(KERNEL, "nothing to boot",
                    "pass -Dkernel=arch/x86/boot/bzImage, -Dkvmboot.latest, or -Dkvmboot.target=IMAGE (with -Dkvmboot.diskBoot)");
        }
        if (s.optional(TARGET).isEmpty() && s.optional(USE_TARGET).isEmpty()) {
            throw s.invalid(TARGET, "kvmboot.diskBoot needs a target image to boot from",
                    "set kvmboot.target to the disk image, e.g. -Dkvmboot.target=/opt/qemu/guest.qcow2");
        }
        return new Target(Optional.empty(), "", Optional.empty(), hostProbeKernel());
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
        if (given.isPresent()) {
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
            throw s.invalid(INITRD, "no initramfs for kernel release " + release + " (" + e.getMessage() + ")",
                    "set kvmboot.initrd to an initramfs path, or kvmboot.initrd=none to boot without one");
        }
    }

    /**
     * kvmboot.append, else the default. Under TCG on a loaded host the kernel's IO-APIC timer check
     * can time out and panic ("IO-APIC + timer doesn't work!"); no_timer_check skips a check that
     * only matters on hardware.
     */
    static String append(ResolvedSettings s, Machine machine, boolean hasDisk) {
        return s.optional(APPEND).orElseGet(() -> (machine.graphics() ? "console=tty0 " : "") + DEFAULT_APPEND
                + (hasDisk ? " root=/dev/sda1 rw" : "") + (machine.accelerator() == Accelerator.TCG ? " no_timer_check" : ""));
    }
}
