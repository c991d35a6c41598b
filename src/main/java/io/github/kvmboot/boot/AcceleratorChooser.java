package io.github.kvmboot.boot;

import java.nio.file.Path;
import java.util.Optional;

import io.github.kvmboot.arch.Architecture;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.Accelerator;
import io.github.kvmboot.qemu.KvmProbe;
import io.github.kvmboot.qemu.KvmStatus;

/**
 * kvmboot.accel: {@code kvm} and {@code tcg} are taken as asked (kvm only when /dev/kvm can be
 * opened); {@code auto} uses KVM only after a test guest has shown that KVM guests actually run
 * here, because on hosts without nested virtualization /dev/kvm opens fine and guests then hang.
 */
final class AcceleratorChooser {

    enum Choice { AUTO, KVM, TCG }

    private static volatile boolean warnedThisJvm;

    private final BuildLog log;
    private final HostEnvironment host;

    AcceleratorChooser(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    Accelerator choose(ResolvedSettings s, Path qemu, Optional<Path> probeKernel)
            throws SettingException, InterruptedException {
        return choose(s, qemu, probeKernel, Architecture.host().orElse(Architecture.X86_64));
    }

    /** As above for a guest of {@code guest}'s architecture: KVM runs only guests of the host's own. */
    Accelerator choose(ResolvedSettings s, Path qemu, Optional<Path> probeKernel, Architecture guest)
            throws SettingException, InterruptedException {
        Choice choice = s.choice(Setting.ACCEL, Choice.class);
        Optional<Architecture> hostArch = Architecture.host();
        if (hostArch.isPresent() && hostArch.get() != guest) {
            if (choice == Choice.KVM) {
                throw s.invalid(Setting.ACCEL, "KVM runs only guests of the host's architecture (" + hostArch.get()
                        + "), this guest is " + guest, "use kvmboot.accel=tcg or auto (TCG emulates " + guest + ")");
            }
            if (choice == Choice.AUTO) {
                log.info("kvmboot: " + guest + " guest on an " + hostArch.get() + " host: TCG emulation"
                        + " (KVM runs only guests of the host's architecture)");
            }
            return Accelerator.TCG;
        }
        if (choice == Choice.TCG) {
            return Accelerator.TCG;
        }
        KvmProbe probe = new KvmProbe(qemu, host.cacheDirectory().resolve("kvm-probe.properties"), log);
        KvmStatus status = probe.deviceStatus();
        if (choice == Choice.KVM) {
            if (status != KvmStatus.PRESENT) {
                throw s.invalid(Setting.ACCEL, "KVM was asked for, but " + describe(status),
                        "load the module (modprobe kvm_intel or kvm_amd) and make /dev/kvm accessible"
                                + " (add your user to group kvm), or use kvmboot.accel=tcg or auto");
            }
            return Accelerator.KVM;
        }
        if (status != KvmStatus.PRESENT) {
            log.info("kvmboot: no KVM here (" + describe(status) + "): using TCG software emulation");
            return Accelerator.TCG;
        }
        if (probeKernel.isEmpty()) {
            warnOnce("KVM could not be checked (no kernel to run a test guest with): using TCG."
                    + " Force KVM with -Dkvmboot.accel=kvm.");
            return Accelerator.TCG;
        }
        KvmProbe.ProbeResult result = probe.probe(probeKernel.get());
        if (result.usable()) {
            return Accelerator.KVM;
        }
        warnOnce("KVM is not usable here: " + result.reason() + ". Using TCG software emulation (slower)."
                + " Force KVM with -Dkvmboot.accel=kvm; -Dkvmboot.accel=tcg skips this check."
                + (result.fromCache() ? " (remembered in " + host.cacheDirectory().resolve("kvm-probe.properties")
                        + "; delete it to check again)" : ""));
        return Accelerator.TCG;
    }

    private void warnOnce(String message) {
        if (!warnedThisJvm) {
            warnedThisJvm = true;
            log.warn("kvmboot: " + message);
        } else {
            log.debug("kvmboot: " + message);
        }
    }

    private static String describe(KvmStatus status) {
        return switch (status) {
            case MISSING -> "/dev/kvm does not exist";
            case NO_ACCESS -> "/dev/kvm cannot be opened read-write by user " + System.getProperty("user.name");
            case PRESENT -> "/dev/kvm is present";
        };
    }
}
