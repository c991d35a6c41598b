package io.github.kvmboot.qemu;

/** Whether the KVM device is there and openable; says nothing about whether guests actually run. */
public enum KvmStatus {
    /** {@code /dev/kvm} does not exist (no KVM module, or a container without the device). */
    MISSING,
    /** {@code /dev/kvm} exists but this user cannot open it read-write. */
    NO_ACCESS,
    /** {@code /dev/kvm} exists and opens read-write. */
    PRESENT
}
