package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The host's busybox, copied into generated initramfs images: it must be statically linked. */
public final class Busybox {

    public static final String DEBIAN_PACKAGE = "busybox-static";

    private Busybox() {
    }

    /** Why the file cannot serve as the guest's busybox, or empty when it can. */
    public static Optional<String> problem(Path busybox) {
        if (!Files.isRegularFile(busybox)) {
            return Optional.of("no busybox at " + busybox);
        }
        try {
            if (!ElfFile.read(busybox).isStatic()) {
                return Optional.of(busybox + " is dynamically linked (it names a program interpreter);"
                        + " the guest has no shared libraries");
            }
        } catch (IOException e) {
            return Optional.of(busybox + " is not a usable busybox program (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }
}
