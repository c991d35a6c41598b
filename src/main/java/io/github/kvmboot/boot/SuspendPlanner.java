package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.Source;
import io.github.kvmboot.guest.InitHooks;
import io.github.kvmboot.suspend.HibernationSwap;
import io.github.kvmboot.suspend.SuspendCycleScript;
import io.github.kvmboot.suspend.SuspendMode;
import io.github.kvmboot.supervisor.PowerSettings;

/**
 * {@code kvmboot.suspend}, {@code kvmboot.suspendCycles} and {@code kvmboot.wakeupAfter}, checked:
 * the cycles the generated init runs before the command, and how the supervisor wakes the guest.
 */
final class SuspendPlanner {

    /** With kvmboot.suspend and no kvmboot.wakeupAfter: the host wakes each cycle after this long. */
    static final Duration DEFAULT_CYCLE_WAKEUP = Duration.ofSeconds(1);

    private SuspendPlanner() {
    }

    static SuspendMode mode(ResolvedSettings s) throws SettingException {
        return s.choice(SUSPEND, SuspendMode.class);
    }

    /** True when init runs suspend cycles (so a generated init is needed, with or without kvmboot.exec). */
    static boolean requested(ResolvedSettings s) throws SettingException {
        return mode(s) != SuspendMode.OFF;
    }

    /** Rejects what cannot work, before anything is built. */
    static void check(ResolvedSettings s) throws SettingException {
        SuspendMode mode = mode(s);
        int cycles = s.positiveInt(SUSPEND_CYCLES);
        if (mode == SuspendMode.OFF && s.get(SUSPEND_CYCLES).source() != Source.DEFAULT) {
            throw s.invalid(SUSPEND_CYCLES, "needs kvmboot.suspend (it is off)", "add -Dkvmboot.suspend=mem");
        }
        if (mode == SuspendMode.FREEZE) {
            throw s.invalid(SUSPEND, "freeze (s2idle) cannot be woken under QEMU 7.2: QEMU sees no suspend (no QMP"
                    + " SUSPEND event, system_wakeup refuses a running guest) and the guest's RTC wake alarm did not"
                    + " wake it (measured with Debian's 6.1 cloud kernel)", "use kvmboot.suspend=mem (S3)");
        }
        if (mode == SuspendMode.DISK) {
            checkDisk(s);
        }
        if (mode != SuspendMode.OFF && cycles > 1000) {
            throw s.invalid(SUSPEND_CYCLES, "is more than 1000 cycles", "use at most 1000");
        }
        if (s.optional(WAKEUP_AFTER).isPresent()) {
            s.nonNegativeSeconds(WAKEUP_AFTER); // a malformed value fails here, not when the guest suspends
        }
    }

    /**
     * S4 restarts QEMU from the same command line and disks: what lives only in one QEMU cannot be
     * resumed into the next.
     */
    private static void checkDisk(ResolvedSettings s) throws SettingException {
        if (s.flag(SNAPSHOT)) {
            throw s.invalid(SUSPEND, "disk (S4) writes the hibernation image to a swap disk that QEMU must keep for"
                    + " the restart, but kvmboot.snapshot (" + s.get(SNAPSHOT).origin() + ") sends every disk write to"
                    + " a temporary file QEMU deletes when it exits", "drop kvmboot.snapshot, or use kvmboot.suspend=mem");
        }
        if (RootfsPlanner.requested(s)) {
            throw s.invalid(SUSPEND, "disk (S4) cannot be combined with kvmboot.rootfs=host ("
                    + s.get(ROOTFS).origin() + "): the host's root is served by the QEMU (or virtiofsd) that exits at the"
                    + " hibernation, and the resumed guest's mount would point at nothing", "use kvmboot.suspend=mem"
                    + " with kvmboot.rootfs=host, or the busybox initramfs for disk");
        }
        if (s.optional(SHARE).isPresent()) {
            throw s.invalid(SUSPEND, "disk (S4) cannot be combined with kvmboot.share (" + s.get(SHARE).origin() + "):"
                    + " the 9p server lives in the QEMU that exits at the hibernation, and the resumed guest's mounts"
                    + " would lose their open files", "use kvmboot.suspend=mem with shares");
        }
    }

    /** kvmboot.suspend=disk: the swap disk, created empty in the output directory; empty for other modes. */
    static Optional<Path> hibernationSwap(ResolvedSettings s, Machine machine) throws SettingException {
        if (mode(s) != SuspendMode.DISK) {
            return Optional.empty();
        }
        if (!machine.architecture().isPc()) {
            throw s.invalid(SUSPEND, "disk (S4) needs the pc machine's ACPI, which kvmboot.arch="
                    + machine.architecture() + " does not have", "use kvmboot.suspend=disk with an x86_64 guest");
        }
        try {
            return Optional.of(HibernationSwap.create(machine.outputDirectory(), machine.memoryMiB()));
        } catch (IOException e) {
            throw s.invalid(OUTPUT_DIRECTORY, "cannot create the swap disk for kvmboot.suspend=disk there: "
                    + e.getMessage(), "point kvmboot.outputDirectory at a writable directory");
        }
    }

    /** The modules the init needs for the mode, when the kernel has them as modules. */
    static List<String> neededModules(ResolvedSettings s) throws SettingException {
        return mode(s) == SuspendMode.DISK ? List.of("virtio_blk") : List.of();
    }

    /** How the supervisor treats a guest that suspends. */
    static PowerSettings power(ResolvedSettings s) throws SettingException {
        boolean cycles = requested(s);
        Duration wakeupAfter = s.optional(WAKEUP_AFTER).isPresent()
                ? Duration.ofSeconds(s.nonNegativeSeconds(WAKEUP_AFTER))
                : cycles ? DEFAULT_CYCLE_WAKEUP : Duration.ZERO;
        return new PowerSettings(wakeupAfter, mode(s) == SuspendMode.MEM, mode(s) == SuspendMode.DISK);
    }

    /** What init runs for the cycles, nothing without kvmboot.suspend. */
    static InitHooks initHooks(ResolvedSettings s) throws SettingException {
        return requested(s) ? SuspendCycleScript.render(mode(s), s.positiveInt(SUSPEND_CYCLES)) : InitHooks.NONE;
    }

    /** The plan's line about the cycles. */
    static String summary(ResolvedSettings s, PowerSettings power) throws SettingException {
        String woken = power.resumesFromDisk() ? "each resumed by starting QEMU again on the swap disk "
                + HibernationSwap.FILE_NAME : power.wakeupAfter().isZero() ? "woken by kvmboot:wakeup"
                        : "each woken after " + power.wakeupAfter().toSeconds() + " s";
        return "kvmboot: " + s.positiveInt(SUSPEND_CYCLES) + " suspend cycle(s) " + mode(s).description()
                + " before the command, " + woken;
    }
}
