package io.github.kvmboot.supervisor;

import java.time.Instant;
import java.util.Objects;

/**
 * A QMP power event of the guest: {@code SUSPEND} (S3 or S1), {@code SUSPEND_DISK} (S4) or
 * {@code WAKEUP}, with QEMU's own timestamp of it.
 */
public record PowerEvent(String name, Instant at) {

    public static final String SUSPEND = "SUSPEND";
    public static final String SUSPEND_DISK = "SUSPEND_DISK";
    public static final String WAKEUP = "WAKEUP";

    public PowerEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }

    static boolean isPowerEvent(String name) {
        return name.equals(SUSPEND) || name.equals(SUSPEND_DISK) || name.equals(WAKEUP);
    }
}
