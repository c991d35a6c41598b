package io.github.kvmboot.install;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Recognises ISO 9660 images: the primary volume descriptor in sector 16 starts with {@code \1CD001}. */
public final class IsoImage {

    /** Sector 16 of 2048 bytes, after the type byte. */
    static final long MAGIC_OFFSET = 16 * 2048 + 1;
    private static final byte[] MAGIC = "CD001".getBytes(StandardCharsets.US_ASCII);

    private IsoImage() {
    }

    /** True when the file carries the ISO 9660 magic; false for other files, short files and unreadable ones. */
    public static boolean isIso9660(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, MAGIC_OFFSET + buffer.position()) < 0) {
                    return false;
                }
            }
            return java.util.Arrays.equals(buffer.array(), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
