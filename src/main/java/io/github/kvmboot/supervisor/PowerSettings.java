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
 */
public record PowerSettings(Duration wakeupAfter, boolean needsHostWakeup) {

    /** Never wakes the guest by itself, checks nothing: what a run without suspend settings gets. */
    public static final PowerSettings NONE = new PowerSettings(Duration.ZERO, false);

    public PowerSettings {
        Objects.requireNonNull(wakeupAfter, "wakeupAfter");
        if (wakeupAfter.isNegative()) {
            throw new IllegalArgumentException("negative wakeupAfter: " + wakeupAfter);
        }
    }
}
