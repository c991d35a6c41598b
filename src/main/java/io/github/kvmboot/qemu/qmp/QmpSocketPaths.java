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
    static final String SUPERVISOR_SOCKET = "qmp.sock";
    /** The longer of the two names: both must fit in the directory chosen. */
    static final String CONTROL_SOCKET = "qmp-control.sock";

    private QmpSocketPaths() {
    }

    /**
     * {@code outputDirectory/qmp.sock} when its absolute path fits, else {@code qmp.sock} in a fresh
     * owner-only (0700) temporary directory, which is deleted when the JVM exits.
     */
    public static Path choose(Path outputDirectory) throws IOException {
        Path preferred = outputDirectory.toAbsolutePath().normalize().resolve(SUPERVISOR_SOCKET);
        if (fits(controlSocket(preferred))) {
            return preferred;
        }
        Path dir = Files.createTempDirectory("kvmboot-qmp-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path socket = dir.resolve(SUPERVISOR_SOCKET);
        if (!fits(controlSocket(socket))) {
            Files.delete(dir);
            throw new IOException("no short enough directory for the QMP socket: " + socket
                    + " is longer than " + MAX_PATH_BYTES + " bytes (set java.io.tmpdir to a shorter path)");
        }
        // deleteOnExit runs in reverse order of registration: the socket first, then its directory.
        dir.toFile().deleteOnExit();
        socket.toFile().deleteOnExit();
        controlSocket(socket).toFile().deleteOnExit();
        return socket;
    }

    /** The control socket for other processes, beside the supervisor's socket {@code qmpSocket}. */
    public static Path controlSocket(Path qmpSocket) {
        return qmpSocket.resolveSibling(CONTROL_SOCKET);
    }

    static boolean fits(Path socket) {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES;
    }
}
