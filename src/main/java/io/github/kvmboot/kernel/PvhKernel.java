package io.github.kvmboot.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.kvmboot.Digests;
import io.github.kvmboot.Executables;
import io.github.kvmboot.process.ParentDeathSignal;

/**
 * The uncompressed kernel (vmlinux) of an x86 bzImage, for QEMU's PVH entry: QEMU loads the ELF and
 * jumps to the entry its Xen PVH note names, so SeaBIOS' boot of the bzImage's setup code and the
 * decompressor are skipped (~0.4 s of every TCG boot here). Only a vmlinux that has the note
 * (CONFIG_PVH) qualifies, and only one that costs next to nothing to get:
 * <ul>
 * <li>a kernel build tree's own {@code vmlinux} beside {@code arch/x86/boot/bzImage}, when it is not
 * newer than the bzImage (make builds the bzImage from it);
 * <li>else the bzImage's payload when a fast host decompressor has its format (lz4, zstd, gzip),
 * extracted once into the cache under a key of the image's path, size, time and inode.
 * </ul>
 */
public final class PvhKernel {

    private static final int PT_NOTE = 4;
    private static final int XEN_ELFNOTE_PHYS32_ENTRY = 18;
    private static final long DECOMPRESS_SECONDS = 60;

    /** A payload format: its magic and the host command that decompresses it from stdin. */
    private record Format(String name, byte[] magic, List<String> command) {
    }

    private static final List<Format> FAST_FORMATS = List.of(
            new Format("lz4", new byte[] {0x02, 0x21, 0x4c, 0x18}, List.of("lz4", "-dc")),
            new Format("zstd", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, List.of("zstd", "-dcq")),
            new Format("gzip", new byte[] {0x1f, (byte) 0x8b}, List.of("gzip", "-dc")));

    private PvhKernel() {
    }

    /** The vmlinux with a PVH entry for {@code bzImage}, or empty (then QEMU boots the bzImage). */
    public static Optional<Path> find(Path bzImage, Path cacheDirectory) {
        try {
            Optional<Path> tree = treeVmlinux(bzImage);
            if (tree.isPresent()) {
                return tree;
            }
            return extracted(bzImage, cacheDirectory.resolve("pvh"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // no PVH entry: the bzImage boots as always
        }
    }

    private static Optional<Path> treeVmlinux(Path bzImage) throws IOException {
        Path boot = bzImage.toAbsolutePath().getParent();
        if (boot == null || !bzImage.getFileName().toString().equals("bzImage") || !boot.endsWith("arch/x86/boot")) {
            return Optional.empty();
        }
        Path vmlinux = boot.getParent().getParent().getParent().resolve("vmlinux");
        if (!Files.isRegularFile(vmlinux)
                || Files.getLastModifiedTime(vmlinux).compareTo(Files.getLastModifiedTime(bzImage)) > 0) {
            return Optional.empty(); // relinked after the bzImage: not the kernel the bzImage holds
        }
        return hasPvhEntry(vmlinux) ? Optional.of(vmlinux) : Optional.empty();
    }

    private static Optional<Path> extracted(Path bzImage, Path cache) throws IOException {
        var digest = Digests.sha256();
        Digests.addFileIdentity(digest, bzImage.toAbsolutePath().normalize());
        String key = HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        Path vmlinux = cache.resolve("vmlinux-" + key);
        Path none = cache.resolve("vmlinux-" + key + ".none");
        if (Files.isRegularFile(vmlinux, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(vmlinux);
        }
        if (Files.exists(none)) {
            return Optional.empty();
        }
        Optional<Path> made = extract(bzImage, cache, vmlinux);
        if (made.isEmpty()) {
            Files.createDirectories(cache);
            Files.write(none, new byte[0]); // this image has no PVH entry or no fast payload: never try again
        }
        return made;
    }

    private static Optional<Path> extract(Path bzImage, Path cache, Path vmlinux) throws IOException {
        Optional<long[]> payload = payload(bzImage);
        if (payload.isEmpty()) {
            return Optional.empty();
        }
        long offset = payload.get()[0];
        long length = payload.get()[1];
        byte[] head;
        try (FileChannel in = FileChannel.open(bzImage, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4);
            in.read(b, offset);
            head = b.array();
        }
        Optional<Format> format = FAST_FORMATS.stream()
                .filter(f -> Arrays.equals(head, 0, f.magic().length, f.magic(), 0, f.magic().length)).findFirst();
        if (format.isEmpty() || Executables.find(format.get().command().get(0)).isEmpty()) {
            return Optional.empty();
        }
        Files.createDirectories(cache);
        Path temp = Files.createTempFile(cache, "vmlinux-", ".part");
        Process p = null;
        try {
            List<String> argv = new java.util.ArrayList<>(ParentDeathSignal.launchPrefix()); // gone with a killed Maven
            argv.addAll(format.get().command());
            p = new ProcessBuilder(argv).redirectOutput(temp.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var out = p.getOutputStream(); FileChannel in = FileChannel.open(bzImage, StandardOpenOption.READ)) {
                in.transferTo(offset, length, java.nio.channels.Channels.newChannel(out));
            } catch (IOException decompressorStopped) {
                // it may stop reading at the end of its stream (the kernel appends the size after it)
            }
            if (!p.waitFor(DECOMPRESS_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return Optional.empty();
            }
            // the exit code is not trusted either way (trailing bytes make some tools complain): the ELF decides
            if (!hasPvhEntry(temp)) {
                return Optional.empty();
            }
            Files.move(temp, vmlinux, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(vmlinux);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The compressed kernel's offset and length in the file (boot protocol 2.08+), or empty. */
    static Optional<long[]> payload(Path bzImage) throws IOException {
        try (FileChannel in = FileChannel.open(bzImage, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(0x250).order(ByteOrder.LITTLE_ENDIAN);
            if (in.read(h, 0) < 0x250 || h.getShort(0x1fe) != (short) 0xAA55 || h.getInt(0x202) != 0x53726448
                    || (h.getShort(0x206) & 0xffff) < 0x208) {
                return Optional.empty();
            }
            int setupSectors = h.get(0x1f1) & 0xff;
            long protectedMode = (long) ((setupSectors == 0 ? 4 : setupSectors) + 1) * 512;
            long offset = protectedMode + (h.getInt(0x248) & 0xffffffffL);
            long length = h.getInt(0x24c) & 0xffffffffL;
            return offset + length <= in.size() && length > 0 ? Optional.of(new long[] {offset, length}) : Optional.empty();
        }
    }

    /** An x86-64 ELF executable with a Xen PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY), complete up to its last segment. */
    static boolean hasPvhEntry(Path elf) throws IOException {
        try (FileChannel in = FileChannel.open(elf, StandardOpenOption.READ)) {
            ByteBuffer e = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            if (in.read(e, 0) < 64 || e.getInt(0) != 0x464c457f || e.get(4) != 2 || e.get(5) != 1
                    || e.getShort(18) != 62) {
                return false; // not a little-endian ELF64 for x86-64
            }
            long phoff = e.getLong(32);
            int phentsize = e.getShort(54) & 0xffff;
            int phnum = e.getShort(56) & 0xffff;
            boolean pvh = false;
            for (int i = 0; i < phnum; i++) {
                ByteBuffer ph = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
                if (in.read(ph, phoff + (long) i * phentsize) < 56) {
                    return false;
                }
                long fileOffset = ph.getLong(8);
                long fileSize = ph.getLong(32);
                if (fileOffset + fileSize > in.size()) {
                    return false; // truncated: a decompression that stopped early
                }
                if (ph.getInt(0) == PT_NOTE && fileSize < (1 << 20)) {
                    ByteBuffer notes = ByteBuffer.allocate((int) fileSize).order(ByteOrder.LITTLE_ENDIAN);
                    in.read(notes, fileOffset);
                    pvh |= hasXenPvhNote(notes);
                }
            }
            return pvh;
        }
    }

    private static boolean hasXenPvhNote(ByteBuffer notes) {
        int at = 0;
        while (at + 12 <= notes.capacity()) {
            int nameSize = notes.getInt(at);
            int descSize = notes.getInt(at + 4);
            int type = notes.getInt(at + 8);
            if (nameSize < 0 || descSize < 0) {
                return false;
            }
            int name = at + 12;
            if (type == XEN_ELFNOTE_PHYS32_ENTRY && nameSize == 4 && name + 4 <= notes.capacity()
                    && notes.get(name) == 'X' && notes.get(name + 1) == 'e' && notes.get(name + 2) == 'n') {
                return true;
            }
            at = name + align4(nameSize) + align4(descSize);
        }
        return false;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }
}
