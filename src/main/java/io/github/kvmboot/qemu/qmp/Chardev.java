package io.github.kvmboot.qemu.qmp;

import java.util.Optional;

/** One entry of QMP {@code query-chardev}, e.g. label {@code ttyS1}, filename {@code pty:/dev/pts/3}. */
public record Chardev(String label, String filename) {

    private static final String PTY_PREFIX = "pty:";

    /** The pty path when this chardev is a pty backend. */
    public Optional<String> ptyPath() {
        return filename.startsWith(PTY_PREFIX)
                ? Optional.of(filename.substring(PTY_PREFIX.length()))
                : Optional.empty();
    }
}
