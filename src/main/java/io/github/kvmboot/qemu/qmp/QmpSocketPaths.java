package io.github.kvmboot.qemu.qmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where to put a QMP unix socket, given that unix socket paths are limited to 107 bytes. */
public final class QmpSocketPaths {

    /** sun_path is 108 bytes on Linux, including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private QmpSocketPaths() {
    }

    /**
     * {@code outputDirectory/qmp.sock} when its absolute path fits, else {@code qmp.sock} in a fresh
     * owner-only (0700) temporary directory, which is deleted when the JVM exits.
     */
    public static Path choose(Path outputDirectory) throws IOException {
        Path preferred = outputDirectory.toAbsolutePath().normalize().resolve("qmp.sock");
        if (fits(preferred)) {
            return preferred;
        }
        Path dir = Files.createTempDirectory("kvmboot-qmp-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = dir.resolve("qmp.sock");
        if (!fits(socket)) {
            Files.delete(dir);
            throw new IOException("no short enough directory for the QMP socket: " + socket
                    + " is longer than " + MAX_PATH_BYTES + " bytes (set java.io.tmpdir to a shorter path)");
        }
        // deleteOnExit runs in reverse order of registration: the socket first, then its directory.
        dir.toFile().deleteOnExit();
        socket.toFile().deleteOnExit();
        return socket;
    }

    static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }
}
