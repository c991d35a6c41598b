package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.github.kvmboot.arch.Architecture;

/** The host's busybox, copied into generated initramfs images: it must be statically linked. */
public final class Busybox {

    /** How to get a static busybox of a foreign architecture from Debian without installing it. */
    public static String foreignPackageHint(Architecture guest) {
        String debianArch = guest == Architecture.ARM64 ? "arm64" : guest.toString();
        return "fetch Debian's " + DEBIAN_PACKAGE + ":" + debianArch + " (dpkg --add-architecture " + debianArch
                + "; apt-get update; apt-get download " + DEBIAN_PACKAGE + ":" + debianArch
                + "; dpkg-deb -x busybox-static_*.deb DIR) and point kvmboot.busybox at DIR/bin/busybox";
    }

    public static final String DEBIAN_PACKAGE = "busybox-static";

    private Busybox() {
    }

    /** Why the file cannot serve as the guest's busybox, or empty when it can. */
    public static Optional<String> problem(Path busybox) {
        return problem(busybox, Architecture.X86_64);
    }

    /** As {@link #problem(Path)}, and the program must be one of {@code guest}'s architecture. */
    public static Optional<String> problem(Path busybox, Architecture guest) {
        Optional<String> found = linkingProblem(busybox);
        if (found.isPresent()) {
            return found;
        }
        try {
            int machine = ElfFile.read(busybox).machine();
            if (machine != guest.elfMachine()) {
                String is = java.util.Arrays.stream(Architecture.values()).filter(a -> a.elfMachine() == machine)
                        .map(Architecture::toString).findFirst().orElse("ELF machine " + machine);
                return Optional.of(busybox + " is an " + is + " program, the guest is " + guest);
            }
        } catch (IOException e) {
            return Optional.of(busybox + " is not a usable busybox program (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    private static Optional<String> linkingProblem(Path busybox) {
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
