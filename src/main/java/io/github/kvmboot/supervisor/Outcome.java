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
    QEMU_FAILED,
    /** The kvmboot.exec command reported its exit code (a failure unless 0). */
    COMMAND_EXITED,
    /** The guest stopped (or its init failed) before the kvmboot.exec command reported an exit code. */
    NO_EXIT_CODE,
    /** The console stayed silent longer than kvmboot.noOutputTimeout. */
    NO_OUTPUT,
    /** QEMU reported GUEST_PANICKED (pvpanic) without a fail pattern on the console. */
    GUEST_PANICKED,
    /** A guest that outlived the goal that started it was stopped on request (no failure seen in its life). */
    STOPPED,
    /** kvmboot.keepRunning: supervision ended with no failure seen, the guest left running for a later stop. */
    LEFT_RUNNING,
    /** The person at the interactive console stopped the guest (Ctrl-A x); no failure was seen. */
    USER_QUIT
}
