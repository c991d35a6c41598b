package io.github.kvmboot.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * How the supervisor treats a guest that suspends.
 *
 * @param wakeupAfter      wake a guest suspended to RAM after this long; {@link Duration#ZERO} = never
 *                         (it waits for kvmboot:wakeup, counted against the timeout)
 * @param needsHostWakeup  the run suspends to RAM on purpose: QEMU must say it can wake the guest
 *                         (QMP {@code query-current-machine} {@code wakeup-suspend-support}), else the run fails at once
 * @param resumesFromDisk  the run hibernates on purpose (S4, with a swap disk): when QEMU exits after
 *                         {@code SUSPEND_DISK}, the supervisor starts it again with the same command line,
 *                         and the guest's init resumes from the image
 */
public record PowerSettings(Duration wakeupAfter, boolean needsHostWakeup, boolean resumesFromDisk) {

    /** Never wakes the guest by itself, checks nothing: what a run without suspend settings gets. */
    public static final PowerSettings NONE = new PowerSettings(Duration.ZERO, false, false);

    /** Suspend to RAM or none: QEMU is never started again. */
    public PowerSettings(Duration wakeupAfter, boolean needsHostWakeup) {
        this(wakeupAfter, needsHostWakeup, false);
    }

    public PowerSettings {
        Objects.requireNonNull(wakeupAfter, "wakeupAfter");
        if (wakeupAfter.isNegative()) {
            throw new IllegalArgumentException("negative wakeupAfter: " + wakeupAfter);
        }
    }
}
