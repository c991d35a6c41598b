package io.github.kvmboot.install;

import io.github.kvmboot.KvmbootException;

/** {@code qemu-img} could not take the image's lock: another process (usually a QEMU) has it open for writing. */
public final class ImageLockedException extends KvmbootException {
    private static final long serialVersionUID = 1L;

    public ImageLockedException(String message) {
        super(message);
    }
}
