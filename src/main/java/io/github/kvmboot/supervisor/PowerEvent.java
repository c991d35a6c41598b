package io.github.kvmboot.supervisor;

import java.time.Instant;
import java.util.Objects;

/**
 * A QMP power event of the guest: {@code SUSPEND} (S3 or S1), {@code SUSPEND_DISK} (S4) or
 * {@code WAKEUP}, with QEMU's own timestamp of it; or kvmboot's own {@code RESTARTED}: QEMU started
 * again after {@code SUSPEND_DISK}, for the guest to resume from its hibernation image.
 */
public record PowerEvent(String name, Instant at) {

    public static final String SUSPEND = "SUSPEND";
    public static final String SUSPEND_DISK = "SUSPEND_DISK";
    public static final String WAKEUP = "WAKEUP";
    /** Not a QMP event: kvmboot started QEMU again after SUSPEND_DISK (the S4 counterpart of WAKEUP). */
    public static final String RESTARTED = "RESTARTED";

    public PowerEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(at, "at");
    }

    static boolean isPowerEvent(String name) {
        return name.equals(SUSPEND) || name.equals(SUSPEND_DISK) || name.equals(WAKEUP);
    }
}
