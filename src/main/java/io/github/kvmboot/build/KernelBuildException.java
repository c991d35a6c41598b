package io.github.kvmboot.build;

import io.github.kvmboot.KvmbootException;

/** A kernel configuration or build that failed: the message says what failed and how to fix it. */
public class KernelBuildException extends KvmbootException {
    private static final long serialVersionUID = 1L;

    public KernelBuildException(String message) {
        super(message);
    }
}
