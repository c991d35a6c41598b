package io.github.kvmboot.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The kernel's ELF image with symbols ({@code vmlinux}), for gdb, crash and decode_stacktrace.sh. */
public final class Vmlinux {

    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final int CHUNK = 1 << 20;

    private Vmlinux() {
    }

    /**
     * The build tree's {@code vmlinux} when {@code image} is its {@code arch/<arch>/boot/bzImage}
     * (in the source tree or an O= build directory), else empty.
     */
    public static Optional<Path> besideImage(Path image) {
        return buildDirectoryOf(image).map(tree -> tree.resolve("vmlinux")).filter(Files::isRegularFile);
    }

    /** The build directory (source tree or O=) whose {@code arch/<arch>/boot/} holds {@code image}. */
    public static Optional<Path> buildDirectoryOf(Path image) {
        Path boot = image.toAbsolutePath().getParent();
        if (boot == null || boot.getParent() == null || boot.getParent().getParent() == null
                || boot.getParent().getParent().getParent() == null || !boot.getFileName().toString().equals("boot")
                || !boot.getParent().getParent().getFileName().toString().equals("arch")) {
            return Optional.empty();
        }
        return Optional.of(boot.getParent().getParent().getParent());
    }

    /** Fails unless {@code vmlinux} is an ELF file whose banner names {@code release}. */
    public static void check(Path vmlinux, String release) throws KernelDiscoveryException {
        if (!Files.isRegularFile(vmlinux) || !Files.isReadable(vmlinux)) {
            throw new KernelDiscoveryException("no readable file at " + vmlinux);
        }
        try (InputStream in = Files.newInputStream(vmlinux)) {
            byte[] magic = in.readNBytes(ELF_MAGIC.length);
            if (!Arrays.equals(magic, ELF_MAGIC)) {
                throw new KernelDiscoveryException(vmlinux + " is not an ELF file (a vmlinux, not a bzImage, is needed)");
            }
            if (!contains(in, ("Linux version " + release + " ").getBytes(StandardCharsets.US_ASCII))) {
                throw new KernelDiscoveryException(vmlinux + " does not belong to the kernel being booted: its banner"
                        + " does not name release " + release);
            }
        } catch (IOException e) {
            throw new KernelDiscoveryException("cannot read " + vmlinux + ": " + e.getMessage(), e);
        }
    }

    /** Streams {@code in} looking for {@code needle}; chunks overlap so a match across two is found. */
    private static boolean contains(InputStream in, byte[] needle) throws IOException {
        byte[] buffer = new byte[CHUNK + needle.length];
        int kept = 0;
        while (true) {
            int read = in.readNBytes(buffer, kept, CHUNK);
            if (read <= 0) {
                return false;
            }
            int filled = kept + read;
            if (indexOf(buffer, filled, needle) >= 0) {
                return true;
            }
            kept = Math.min(needle.length - 1, filled);
            System.arraycopy(buffer, filled - kept, buffer, 0, kept);
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
