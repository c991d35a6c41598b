package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Just enough ELF reading: is a program statically linked, and a kernel module's .modinfo strings. */
final class ElfFile {

    private static final int PT_INTERP = 3;

    private final ByteBuffer bytes;
    private final boolean is64;

    private ElfFile(byte[] content) throws IOException {
        if (content.length < 64 || content[0] != 0x7f || content[1] != 'E' || content[2] != 'L' || content[3] != 'F') {
            throw new IOException("not an ELF file");
        }
        is64 = content[4] == 2;
        bytes = ByteBuffer.wrap(content).order(content[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    static ElfFile read(Path file) throws IOException {
        return new ElfFile(Files.readAllBytes(file));
    }

    /** {@code e_machine}: the architecture the program is for (62 x86_64, 183 aarch64, 243 RISC-V). */
    int machine() {
        return Short.toUnsignedInt(bytes.getShort(0x12));
    }

    /** True when the program names no dynamic loader (no PT_INTERP program header). */
    boolean isStatic() {
        long phoff = is64 ? bytes.getLong(0x20) : Integer.toUnsignedLong(bytes.getInt(0x1C));
        int phentsize = Short.toUnsignedInt(bytes.getShort(is64 ? 0x36 : 0x2A));
        int phnum = Short.toUnsignedInt(bytes.getShort(is64 ? 0x38 : 0x2C));
        for (int i = 0; i < phnum; i++) {
            if (bytes.getInt((int) (phoff + (long) i * phentsize)) == PT_INTERP) {
                return false;
            }
        }
        return true;
    }

    /** The NUL-separated {@code key=value} strings of the {@code .modinfo} section (empty when absent). */
    List<String> modinfo() {
        long shoff = is64 ? bytes.getLong(0x28) : Integer.toUnsignedLong(bytes.getInt(0x20));
        int shentsize = Short.toUnsignedInt(bytes.getShort(is64 ? 0x3A : 0x2E));
        int shnum = Short.toUnsignedInt(bytes.getShort(is64 ? 0x3C : 0x30));
        int shstrndx = Short.toUnsignedInt(bytes.getShort(is64 ? 0x3E : 0x32));
        if (shoff == 0 || shstrndx >= shnum) {
            return List.of();
        }
        long namesOffset = sectionOffset(shoff + (long) shstrndx * shentsize);
        for (int i = 0; i < shnum; i++) {
            long header = shoff + (long) i * shentsize;
            String name = cString(namesOffset + Integer.toUnsignedLong(bytes.getInt((int) header)));
            if (name.equals(".modinfo")) {
                return strings(sectionOffset(header), sectionSize(header));
            }
        }
        return List.of();
    }

    Optional<String> modinfo(String key) {
        return modinfo().stream().filter(s -> s.startsWith(key + "=")).map(s -> s.substring(key.length() + 1)).findFirst();
    }

    private long sectionOffset(long header) {
        return is64 ? bytes.getLong((int) header + 0x18) : Integer.toUnsignedLong(bytes.getInt((int) header + 0x10));
    }

    private long sectionSize(long header) {
        return is64 ? bytes.getLong((int) header + 0x20) : Integer.toUnsignedLong(bytes.getInt((int) header + 0x14));
    }

    private String cString(long offset) {
        int end = (int) offset;
        while (end < bytes.limit() && bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), (int) offset, end - (int) offset, StandardCharsets.UTF_8);
    }

    private List<String> strings(long offset, long size) {
        List<String> result = new ArrayList<>();
        int start = (int) offset;
        int end = (int) Math.min(bytes.limit(), offset + size);
        for (int i = start; i < end; i++) {
            if (bytes.get(i) == 0) {
                if (i > start) {
                    result.add(new String(bytes.array(), start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return result;
    }
}
