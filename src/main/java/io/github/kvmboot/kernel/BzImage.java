package io.github.kvmboot.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the kernel version string of an x86 bzImage from its setup header (Linux boot protocol
 * >= 2.00), reading only the header and the string, never the whole image.
 */
public final class BzImage {

    static final int BOOT_FLAG_OFFSET = 0x1FE;
    static final int BOOT_FLAG = 0xAA55;
    static final int HEADER_MAGIC_OFFSET = 0x202;
    static final byte[] HEADER_MAGIC = {'H', 'd', 'r', 'S'};
    static final int VERSION_POINTER_OFFSET = 0x20E;
    /** The pointer is relative to the setup code, which starts after the 512-byte boot sector. */
    static final int VERSION_POINTER_BASE = 0x200;
    static final int HEADER_END = VERSION_POINTER_OFFSET + 2;
    /** Real version strings are about 100 bytes; this bounds the read of a corrupt one. */
    static final int MAX_VERSION_LENGTH = 512;

    private BzImage() {
    }

    /** The kernel release, e.g. {@code 6.1.0-56-cloud-amd64}: the version string up to its first space. */
    public static String readRelease(Path file) throws KernelDiscoveryException {
        String version = readVersionString(file);
        int space = version.indexOf(' ');
        String release = space < 0 ? version : version.substring(0, space);
        if (release.isEmpty()) {
            throw new KernelDiscoveryException("cannot read the kernel release of " + ReadableFile.display(file)
                    + ": its version string starts with a space: \"" + version + "\"");
        }
        return release;
    }

    /** The full version string, e.g. {@code 6.1.0-56-cloud-amd64 (debian-kernel@...) #1 SMP ...}. */
    public static String readVersionString(Path file) throws KernelDiscoveryException {
        String where = ReadableFile.display(file);
        Optional<String> problem = ReadableFile.problem(file);
        if (problem.isPresent()) {
            throw new KernelDiscoveryException("cannot read kernel image " + where + ": it " + problem.get());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readVersionString(channel, where);
        } catch (AccessDeniedException e) {
            throw new KernelDiscoveryException("cannot read kernel image " + where
                    + ": it is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new KernelDiscoveryException("cannot read kernel image " + where + ": " + e, e);
        }
    }

    private static String readVersionString(FileChannel channel, String where)
            throws IOException, KernelDiscoveryException {
        long size = channel.size();
        ByteBuffer header = readAt(channel, 0, (int) Math.min(size, HEADER_END));
        if (header.limit() < HEADER_END) {
            throw new KernelDiscoveryException("not a bzImage: " + where + " is too short: "
                    + describeSize(size) + ", an x86 boot header needs at least " + HEADER_END
                    + " bytes" + FileSniffer.hint(header));
        }
        int bootFlag = header.getShort(BOOT_FLAG_OFFSET) & 0xFFFF;
        if (bootFlag != BOOT_FLAG) {
            throw new KernelDiscoveryException("not a bzImage: " + where
                    + " has no x86 boot sector signature (expected 0xAA55 at offset 0x1FE, found "
                    + hex16(bootFlag) + ")" + FileSniffer.hint(header));
        }
        byte[] magic = new byte[HEADER_MAGIC.length];
        header.get(HEADER_MAGIC_OFFSET, magic);
        if (!Arrays.equals(magic, HEADER_MAGIC)) {
            throw new KernelDiscoveryException("not a bzImage: " + where
                    + " has a boot sector but no Linux setup header (expected \"HdrS\" at offset 0x202, found "
                    + escape(magic) + "); is it a disk or floppy image, or a kernel older than boot protocol 2.00?");
        }
        int pointer = header.getShort(VERSION_POINTER_OFFSET) & 0xFFFF;
        long offset = (long) pointer + VERSION_POINTER_BASE;
        if (pointer == 0) {
            throw new KernelDiscoveryException("cannot read the kernel version of " + where
                    + ": its setup header has no version string (kernel_version pointer at offset 0x20E is 0)");
        }
        if (offset >= size) {
            throw new KernelDiscoveryException("cannot read the kernel version of " + where
                    + ": the kernel_version pointer " + hex16(pointer) + " at offset 0x20E points to file offset "
                    + hex(offset) + ", past the end of the file (" + describeSize(size)
                    + "); is the file truncated?");
        }
        ByteBuffer text = readAt(channel, offset, (int) Math.min(MAX_VERSION_LENGTH, size - offset));
        return versionString(text, offset, where);
    }

    private static String versionString(ByteBuffer text, long offset, String where) throws KernelDiscoveryException {
        String prefix = "cannot read the kernel version of " + where + ": the version string at file offset "
                + hex(offset);
        int length = 0;
        while (length < text.limit() && text.get(length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        text.get(0, bytes);
        if (length == text.limit()) {
            throw new KernelDiscoveryException(prefix + " is not NUL-terminated within " + length
                    + " bytes (starts with " + escape(Arrays.copyOf(bytes, Math.min(length, 40))) + ")");
        }
        if (length == 0) {
            throw new KernelDiscoveryException(prefix + " is empty");
        }
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7E) {
                throw new KernelDiscoveryException(prefix + " contains non-printable bytes: " + escape(bytes));
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return buffer.flip();
    }

    private static String describeSize(long size) {
        return size == 0 ? "it is empty (0 bytes)" : size + " bytes";
    }

    private static String hex16(int value) {
        return String.format("0x%04X", value);
    }

    private static String hex(long value) {
        return String.format("0x%X", value);
    }

    /** Printable ASCII as is, everything else as {@code \xNN}, in double quotes. */
    static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : bytes) {
            if (b >= 0x20 && b <= 0x7E && b != '"' && b != '\\') {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b & 0xFF));
            }
        }
        return out.append('"').toString();
    }
}
