package io.github.kvmboot.qemu;

/** Escaping for values inside QEMU's {@code key=value,key=value} option strings. */
public final class QemuOptions {

    private QemuOptions() {
    }

    /**
     * QEMU splits option strings at {@code ,} and reads {@code ,,} as a literal comma, so every
     * user-supplied value (file paths in {@code -drive}, {@code -chardev}, ...) must go through
     * this. Options that take a plain file name ({@code -kernel}, {@code -initrd},
     * {@code -pidfile}) must not: there {@code ,,} stays two commas.
     */
    public static String escape(String value) {
        return value.replace(",", ",,");
    }
}
