package io.github.kvmboot.qemu;

import java.util.Locale;

/** A concrete QEMU accelerator, as passed to {@code -accel}. */
public enum Accelerator {
    KVM,
    TCG;

    /** The name QEMU expects after {@code -accel}. */
    public String qemuName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
