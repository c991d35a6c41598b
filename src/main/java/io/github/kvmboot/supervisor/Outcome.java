package io.github.kvmboot.supervisor;

/** How a guest run ended. */
public enum Outcome {
    /** The expect pattern appeared on the console (QEMU was then shut down). */
    EXPECT_MATCHED,
    /** QEMU exited by itself with code 0 (a failure when an expect pattern was still awaited). */
    GUEST_EXITED,
    /** A fail pattern appeared on the console. */
    FAIL_PATTERN,
    /** The timeout passed first. */
    TIMED_OUT,
    /** QEMU could not start or exited with a non-zero code. */
    QEMU_FAILED
}
