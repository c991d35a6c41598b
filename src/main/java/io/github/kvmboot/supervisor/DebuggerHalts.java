package io.github.kvmboot.supervisor;

import java.util.Set;

/**
 * How long the guest stood halted for a debugger, from the run states QEMU reports (QMP
 * {@code query-status}): {@code debug} (gdb stopped it), {@code prelaunch} ({@code -S}, before the
 * first instruction), {@code paused} (a QMP {@code stop}). The timeout is pushed back by that time
 * and the no-output watchdog counts from the last halt, so neither fires on a guest held in gdb.
 */
final class DebuggerHalts {

    private static final Set<String> HALTED = Set.of("debug", "prelaunch", "paused");

    private long haltedNanos;
    private long lastHaltedAt = Long.MIN_VALUE;
    private long previousAt;
    private boolean previousHalted;

    static boolean isHalted(String runState) {
        return HALTED.contains(runState);
    }

    /** One observation; the time since the previous one counts as halted when both saw it halted. */
    void observe(String runState, long nowNanos) {
        boolean halted = isHalted(runState);
        if (halted && previousHalted) {
            haltedNanos += nowNanos - previousAt;
        }
        if (halted) {
            lastHaltedAt = nowNanos;
        }
        previousHalted = halted;
        previousAt = nowNanos;
    }

    /** Total time seen halted. */
    long haltedNanos() {
        return haltedNanos;
    }

    /** When the silence watchdog starts counting: the last output or the last time seen halted. */
    long silentSince(long lastOutputNanos) {
        return Math.max(lastOutputNanos, lastHaltedAt);
    }
}
