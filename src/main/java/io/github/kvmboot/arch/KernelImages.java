package io.github.kvmboot.arch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Which architecture a kernel image is for, from its header: an x86 bzImage has {@code HdrS} at
 * 0x202, an arm64 {@code Image} {@code ARM\x64} at 56, a RISC-V {@code Image} {@code RSC\x05} at 56;
 * a gzip'd {@code Image} (Debian's arm64 {@code vmlinuz}, {@code Image.gz}) is read through gzip.
 */
public final class KernelImages {

    private static final int HEADER = 0x210;
    private static final byte[] BZIMAGE = {'H', 'd', 'r', 'S'};
    private static final byte[] ARM64_IMAGE = {'A', 'R', 'M', 0x64};
    private static final byte[] RISCV_IMAGE = {'R', 'S', 'C', 0x05};
    private static final byte[] BANNER = "Linux version ".getBytes(StandardCharsets.US_ASCII);

    private KernelImages() {
    }

    /** The architecture, or empty when the file is none of the images above. */
    public static Optional<Architecture> architecture(Path image) throws IOException {
        byte[] header = header(image);
        if (isGzip(header)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(image))) {
                header = in.readNBytes(HEADER);
            }
        }
        if (at(header, 0x202, BZIMAGE)) {
            return Optional.of(Architecture.X86_64);
        }
        if (at(header, 56, ARM64_IMAGE)) {
            return Optional.of(Architecture.ARM64);
        }
        if (at(header, 56, RISCV_IMAGE)) {
            return Optional.of(Architecture.RISCV64);
        }
        return Optional.empty();
    }

    /**
     * The release of an arm64 or RISC-V {@code Image} (they carry no version in their header): the
     * word after the kernel's {@code Linux version } banner, read through gzip when compressed.
     */
    public static Optional<String> imageRelease(Path image) throws IOException {
        boolean gzip = isGzip(header(image));
        try (InputStream raw = Files.newInputStream(image);
                InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            int matched = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                matched = b == (BANNER[matched] & 0xff) ? matched + 1 : (b == (BANNER[0] & 0xff) ? 1 : 0);
                if (matched == BANNER.length) {
                    StringBuilder release = new StringBuilder();
                    for (int c = in.read(); c > ' ' && c < 0x7f && release.length() < 128; c = in.read()) {
                        release.append((char) c);
                    }
                    // "Linux version %s" in printk format strings has no release after it
                    if (release.length() > 0 && Character.isDigit(release.charAt(0))) {
                        return Optional.of(release.toString());
                    }
                    matched = 0;
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] header(Path image) throws IOException {
        try (InputStream in = Files.newInputStream(image)) {
            return in.readNBytes(HEADER);
        }
    }

    private static boolean isGzip(byte[] header) {
        return header.length >= 2 && (header[0] & 0xff) == 0x1f && (header[1] & 0xff) == 0x8b;
    }

    private static boolean at(byte[] bytes, int offset, byte[] magic) {
        return bytes.length >= offset + magic.length
                && Arrays.equals(Arrays.copyOfRange(bytes, offset, offset + magic.length), magic);
    }
}
