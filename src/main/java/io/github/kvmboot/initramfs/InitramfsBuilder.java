package io.github.kvmboot.initramfs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

/**
 * Builds a gzip-compressed newc cpio archive, the format the kernel unpacks as initramfs.
 * Entries are kept sorted with fixed timestamps and owners, so the same content always gives the
 * same bytes and the same {@link #contentHash()} (which makes the result cacheable).
 */
public final class InitramfsBuilder {

    private record Entry(long typeAndMode, byte[] content, int deviceMajor, int deviceMinor) { }

    private final Map<String, Entry> entries = new TreeMap<>();

    public InitramfsBuilder directory(String path) {
        return put(path, new Entry(CpioConstants.C_ISDIR | 0755, new byte[0], 0, 0));
    }

    public InitramfsBuilder file(String path, byte[] content, int mode) {
        return put(path, new Entry(CpioConstants.C_ISREG | (mode & 07777), content.clone(), 0, 0));
    }

    public InitramfsBuilder file(String path, String content, int mode) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public InitramfsBuilder file(String path, Path hostFile, int mode) throws IOException {
        return file(path, Files.readAllBytes(hostFile), mode);
    }

    public InitramfsBuilder symlink(String path, String target) {
        return put(path, new Entry(CpioConstants.C_ISLNK | 0777,
                target.getBytes(StandardCharsets.UTF_8), 0, 0));
    }

    public InitramfsBuilder charDevice(String path, int major, int minor, int mode) {
        return put(path, new Entry(CpioConstants.C_ISCHR | (mode & 07777), new byte[0], major, minor));
    }

    private InitramfsBuilder put(String path, Entry entry) {
        String name = normalize(path);
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
            entries.putIfAbsent(name.substring(0, slash),
                    new Entry(CpioConstants.C_ISDIR | 0755, new byte[0], 0, 0));
        }
        entries.put(name, entry);
        return this;
    }

    private static String normalize(String path) {
        String name = path;
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.isEmpty() || name.contains("..")) {
            throw new IllegalArgumentException("bad initramfs path: " + path);
        }
        return name;
    }

    /** The uncompressed cpio archive. */
    public byte[] cpio() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writeCpio(bytes);
        return bytes.toByteArray();
    }

    private void writeCpio(OutputStream out) throws IOException {
        try (CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW)) {
            long inode = 1;
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                Entry value = e.getValue();
                CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, e.getKey());
                entry.setMode(value.typeAndMode());
                entry.setInode(inode++);
                entry.setNumberOfLinks((value.typeAndMode() & CpioConstants.S_IFMT) == CpioConstants.C_ISDIR ? 2 : 1);
                entry.setTime(0);
                entry.setUID(0);
                entry.setGID(0);
                entry.setRemoteDeviceMaj(value.deviceMajor());
                entry.setRemoteDeviceMin(value.deviceMinor());
                entry.setSize(value.content().length);
                cpio.putArchiveEntry(entry);
                cpio.write(value.content());
                cpio.closeArchiveEntry();
            }
            cpio.finish();
        }
    }

    /** SHA-256 of the uncompressed archive, as hex. */
    public String contentHash() throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cpio()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the gzip-compressed archive atomically (temp file + rename). */
    public void writeGzip(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".initramfs", ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temp), 65536)) {
                writeCpio(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A minimal busybox system: {@code /bin/busybox}, {@code /bin/sh}, {@code /dev/console}, the
     * mount points, and {@code /init} as given (a {@code #!/bin/sh} script).
     */
    public static InitramfsBuilder busybox(Path busyboxBinary, String initScript) throws IOException {
        return new InitramfsBuilder()
                .file("bin/busybox", busyboxBinary, 0755)
                .symlink("bin/sh", "busybox")
                .directory("dev")
                .charDevice("dev/console", 5, 1, 0600)
                .directory("proc")
                .directory("sys")
                .directory("tmp")
                .file("init", initScript, 0755);
    }
}
