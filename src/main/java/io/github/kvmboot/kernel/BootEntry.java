package io.github.kvmboot.kernel;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** A kernel installed in a boot directory, its release (from the file name) and its initramfs if any. */
public record BootEntry(Path kernel, String release, Optional<Path> initramfs) {

    public BootEntry {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(initramfs, "initramfs");
    }
}
