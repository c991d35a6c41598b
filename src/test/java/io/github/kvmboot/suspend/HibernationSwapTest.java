package io.github.kvmboot.suspend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The swap disk of kvmboot.suspend=disk: empty for every run, as large as the guest's memory, sparse. */
class HibernationSwapTest {

    @TempDir
    Path dir;

    @Test
    void anEarlierRunsImageIsGoneAndTheDiskHoldsTheGuestsMemory() throws Exception {
        Path swap = dir.resolve(HibernationSwap.FILE_NAME);
        Files.write(swap, "S1SUSPEND an earlier run's image".getBytes());
        assertEquals(swap, HibernationSwap.create(dir, 256));
        assertEquals((256L << 20) + (16L << 20), Files.size(swap));
        byte[] head = new byte[64];
        try (var in = Files.newInputStream(swap)) {
            assertEquals(64, in.read(head));
        }
        assertEquals(new String(new byte[64]), new String(head), "no byte of the earlier image is left");
        Process stat = new ProcessBuilder("stat", "-c", "%b", swap.toString()).start();
        long allocatedBlocks = Long.parseLong(new String(stat.getInputStream().readAllBytes()).strip());
        assertEquals(0, stat.waitFor());
        assertTrue(allocatedBlocks * 512 < (1 << 20), "sparse: " + allocatedBlocks + " blocks");
    }

    @Test
    void somethingElseAtItsPathIsLeftAlone() throws Exception {
        Path notAFile = Files.createDirectory(dir.resolve(HibernationSwap.FILE_NAME));
        IOException e = assertThrows(IOException.class, () -> HibernationSwap.create(dir, 128));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertTrue(Files.isDirectory(notAFile));
    }
}
