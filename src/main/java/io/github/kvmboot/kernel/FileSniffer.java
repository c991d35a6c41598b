package io.github.kvmboot.kernel;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Recognises the files people pass by mistake where a bzImage belongs, so that "not a bzImage"
 * can say what the file is instead.
 */
final class FileSniffer {

    private FileSniffer() {
    }

    /** A clause starting with "; " to append to an error message, or "" when nothing is recognised. */
    static String hint(ByteBuffer start) {
        if (startsWith(start, 0, new byte[] {0x7F, 'E', 'L', 'F'})) {
            return "; it is an ELF file (is it vmlinux, the uncompressed ELF? boot arch/x86/boot/bzImage instead)";
        }
        if (startsWith(start, 0, new byte[] {0x1F, (byte) 0x8B})) {
            return "; it is gzip-compressed data (an initramfs?)";
        }
        if (startsWith(start, 0, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0})) {
            return "; it is xz-compressed data (an initramfs?)";
        }
        if (startsWith(start, 0, new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD})) {
            return "; it is zstd-compressed data (an initramfs?)";
        }
        if (startsWith(start, 0, ascii("070701")) || startsWith(start, 0, ascii("070702"))) {
            return "; it is a cpio archive (an initramfs?)";
        }
        if (startsWith(start, 0, new byte[] {'Q', 'F', 'I', (byte) 0xFB})) {
            return "; it is a qcow2 disk image";
        }
        if (startsWith(start, 0x38, new byte[] {'A', 'R', 'M', 0x64})) {
            return "; it is an arm64 kernel Image, only x86 bzImages are supported";
        }
        return "";
    }

    private static boolean startsWith(ByteBuffer buffer, int offset, byte[] magic) {
        if (buffer.limit() < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (buffer.get(offset + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
