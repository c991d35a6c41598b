package io.github.kvmboot.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Names a disk image's format for -drive: QEMU would probe it too, but then warns and restricts
 * writes to sector 0 of raw images, which breaks installing a bootloader.
 */
public final class ImageFormat {

    private static final byte[] QCOW_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    private ImageFormat() {
    }

    /** qcow2 by its magic, raw for any other readable regular file; empty when it cannot be read. */
    public static Optional<String> detect(Path image) {
        if (!Files.isRegularFile(image)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(image)) {
            byte[] head = in.readNBytes(4);
            return Optional.of(Arrays.equals(head, QCOW_MAGIC) ? "qcow2" : "raw");
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
