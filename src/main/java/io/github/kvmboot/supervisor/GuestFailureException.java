package io.github.kvmboot.supervisor;

import io.github.kvmboot.KvmbootException;

/** The guest run failed (fail pattern, timeout, QEMU error or early exit); the message is complete. */
public class GuestFailureException extends KvmbootException {
    private static final long serialVersionUID = 1L;

    private final transient GuestResult result;

    public GuestFailureException(String message, GuestResult result) {
        super(message);
        this.result = result;
    }

    public GuestResult result() {
        return result;
    }
}
