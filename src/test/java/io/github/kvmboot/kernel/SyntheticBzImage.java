package io.github.kvmboot.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds the first bytes of an x86 bzImage: boot sector signature, setup header, version string. */
final class SyntheticBzImage {

    static final int VERSION_POINTER = 0x300;
    static final int VERSION_OFFSET = VERSION_POINTER + 0x200;

    private SyntheticBzImage() {
    }

    static byte[] withVersion(String version) {
        return withVersion(version.getBytes(StandardCharsets.US_ASCII));
    }

    /** The version bytes are NUL-terminated, followed by unrelated non-zero bytes like in a real image. */
    static byte[] withVersion(byte[] version) {
        ByteBuffer image = header(VERSION_POINTER, VERSION_OFFSET + version.length + 64);
        image.put(VERSION_OFFSET, version);
        image.put(VERSION_OFFSET + version.length, (byte) 0);
        for (int i = VERSION_OFFSET + version.length + 1; i < image.capacity(); i++) {
            image.put(i, (byte) 0x90);
        }
        return image.array();
    }

    /** A header whose kernel_version pointer is {@code pointer}, padded with 0x90 to {@code size} bytes. */
    static ByteBuffer header(int pointer, int size) {
        ByteBuffer image = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++) {
            image.put(i, (byte) 0x90);
        }
        image.putShort(0x1FE, (short) 0xAA55);
        image.put(0x202, "HdrS".getBytes(StandardCharsets.US_ASCII));
        image.putShort(0x206, (short) 0x020F);
        image.putShort(0x20E, (short) pointer);
        return image;
    }
}
