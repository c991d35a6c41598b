package io.github.kvmboot.kernel;

import io.github.kvmboot.KvmbootException;

/**
 * A kernel image, kernel tree, initramfs or boot directory that cannot be used. The message names
 * the path and what was expected and found; the caller prefixes the setting it came from.
 */
public class KernelDiscoveryException extends KvmbootException {
    private static final long serialVersionUID = 1L;

    public KernelDiscoveryException(String message) {
        super(message);
    }

    public KernelDiscoveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
