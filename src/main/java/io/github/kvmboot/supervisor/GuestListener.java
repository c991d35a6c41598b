package io.github.kvmboot.supervisor;

import java.util.Map;

/**
 * Callbacks from a running guest. {@link #consoleLine} is called on the console reader thread,
 * {@link #ptysReady} on the thread that called {@link GuestSupervisor#run}; keep them quick.
 */
public interface GuestListener {

    GuestListener NONE = new GuestListener() {
    };

    /** Once, when QEMU is up: chardev label (e.g. {@code ttyS1}) to pty path (e.g. {@code /dev/pts/3}). */
    default void ptysReady(Map<String, String> labelToPath) {
    }

    /** A QMP power event (SUSPEND, SUSPEND_DISK, WAKEUP), on the supervising thread. */
    default void powerEvent(PowerEvent event) {
    }

    /** Each complete console line, escape sequences and control characters removed. */
    default void consoleLine(String line) {
    }
}
