package io.github.kvmboot.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Infers the initramfs installed next to a kernel from its release, by the distributions' naming. */
public final class InitramfsLocator {

    /** Distribution naming, most common first; {@code %s} is the release. */
    private static final List<String> NAMES = List.of(
            "initrd.img-%s",     // Debian, Ubuntu (initramfs-tools)
            "initramfs-%s.img",  // Fedora, RHEL, Arch (dracut, mkinitcpio)
            "initrd-%s",         // openSUSE
            "initramfs-%s");     // Gentoo, Alpine

    private InitramfsLocator() {
    }

    /** The paths looked at, in order; empty when the release cannot be part of a file name. */
    public static List<Path> candidates(Path bootDir, String release) {
        if (!isFileNamePart(release)) {
            return List.of();
        }
        return NAMES.stream().map(name -> bootDir.resolve(String.format(name, release))).collect(Collectors.toList());
    }

    /** The first candidate that is a readable regular file, if any. */
    public static Optional<Path> findIfPresent(Path bootDir, String release) {
        return candidates(bootDir, release).stream().filter(ReadableFile::isReadableRegularFile).findFirst();
    }

    public static Path find(Path bootDir, String release) throws KernelDiscoveryException {
        Optional<Path> found = findIfPresent(bootDir, release);
        if (found.isPresent()) {
            return found.get();
        }
        String intro = "no initramfs for kernel release " + release + " in " + ReadableFile.display(bootDir);
        if (!isFileNamePart(release)) {
            throw new KernelDiscoveryException(intro + ": the release cannot be part of a file name");
        }
        String tried = candidates(bootDir, release).stream()
                .map(path -> ReadableFile.display(path) + " (" + ReadableFile.problem(path).orElse("unusable") + ")")
                .collect(Collectors.joining(", "));
        throw new KernelDiscoveryException(intro + "; tried: " + tried);
    }

    private static boolean isFileNamePart(String release) {
        return !release.isEmpty() && !release.contains("/") && !release.contains("\0")
                && !release.equals(".") && !release.equals("..");
    }
}
