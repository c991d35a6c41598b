package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.time.Duration;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.Source;
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
            throw s.invalid(SUSPEND, "disk (S4, hibernation) is not supported by kvmboot yet (the restart of QEMU"
                    + " from the hibernation image is not built)", "use kvmboot.suspend=mem (S3)");
        }
        if (mode != SuspendMode.OFF && cycles > 1000) {
            throw s.invalid(SUSPEND_CYCLES, "is more than 1000 cycles", "use at most 1000");
        }
        if (s.optional(WAKEUP_AFTER).isPresent()) {
            s.nonNegativeSeconds(WAKEUP_AFTER); // a malformed value fails here, not when the guest suspends
        }
    }

    /** How the supervisor treats a guest that suspends. */
    static PowerSettings power(ResolvedSettings s) throws SettingException {
        boolean cycles = requested(s);
        Duration wakeupAfter = s.optional(WAKEUP_AFTER).isPresent()
                ? Duration.ofSeconds(s.nonNegativeSeconds(WAKEUP_AFTER))
                : cycles ? DEFAULT_CYCLE_WAKEUP : Duration.ZERO;
        return new PowerSettings(wakeupAfter, mode(s) == SuspendMode.MEM);
    }

    /** The init fragment running the cycles, empty without kvmboot.suspend. */
    static String initFragment(ResolvedSettings s) throws SettingException {
        return requested(s) ? SuspendCycleScript.render(mode(s), s.positiveInt(SUSPEND_CYCLES)) : "";
    }

    /** The plan's line about the cycles. */
    static String summary(ResolvedSettings s, PowerSettings power) throws SettingException {
        return "kvmboot: " + s.positiveInt(SUSPEND_CYCLES) + " suspend cycle(s) " + mode(s).description()
                + " before the command, " + (power.wakeupAfter().isZero() ? "woken by kvmboot:wakeup"
                        : "each woken after " + power.wakeupAfter().toSeconds() + " s");
    }
}
