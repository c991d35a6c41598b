package io.github.kvmboot.statusport;

/**
 * The lines on the status port: {@code kvmboot-start <nonce>} first, then one of
 * {@code kvmboot-exit <nonce> <code>} or {@code kvmboot-error <nonce> <word>}.
 */
public final class StatusProtocol {

    /** Every line starts with this, followed by the kind ({@link #START}, {@link #EXIT}, {@link #ERROR}). */
    static final String PREFIX = "kvmboot-";
    static final String START = "start";
    static final String EXIT = "exit";
    static final String ERROR = "error";
    /** The nonce is 16 random bytes in hex; a shorter one is not init's. */
    static final int MIN_NONCE_LENGTH = 32;

    /** Error word: the kernel has no 9p file system, so the shares cannot be mounted. */
    public static final String NO_9P = "no-9p";
    /** Error word prefix, followed by the share's mount tag: mounting that share failed. */
    public static final String MOUNT_FAILED = "mount-";

    private StatusProtocol() {
    }

    /** The error word for a share whose mount failed. */
    public static String mountFailed(String tag) {
        return MOUNT_FAILED + tag;
    }
}
