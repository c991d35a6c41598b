package io.github.kvmboot.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QmpSocketPathsTest {

    @TempDir
    Path dir;

    @Test
    void shortOutputDirectoryHoldsTheSocket() throws Exception {
        assertEquals(dir.toAbsolutePath().resolve("qmp.sock"), QmpSocketPaths.choose(dir));
    }

    @Test
    void longOutputDirectoryFallsBackToAPrivateTempDirectory() throws Exception {
        Path deep = dir.resolve("a".repeat(60)).resolve("b".repeat(60));
        Path socket = QmpSocketPaths.choose(deep);
        assertNotEquals(deep.resolve("qmp.sock"), socket);
        assertTrue(QmpSocketPaths.fits(socket), socket.toString());
        assertEquals("qmp.sock", socket.getFileName().toString());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    }

    @Test
    void limitIsTheKernelsSunPathSize() {
        assertTrue(QmpSocketPaths.fits(Path.of("/" + "x".repeat(106))));
        assertTrue(!QmpSocketPaths.fits(Path.of("/" + "x".repeat(107))));
    }
}
