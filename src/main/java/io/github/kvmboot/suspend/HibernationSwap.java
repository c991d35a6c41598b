package io.github.kvmboot.suspend;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The swap disk of {@code kvmboot.suspend=disk}: a sparse raw file in the run's output directory,
 * created empty for every run (an image left by an earlier run must never be resumed), as large
 * as the guest's memory so that any hibernation image fits. The guest finds it by {@link #SERIAL}.
 */
public final class HibernationSwap {

    /** The virtio-blk serial the guest's init looks for in /sys/block/{@literal *}/serial. */
    public static final String SERIAL = "kvmboot-swap";
    public static final String FILE_NAME = "hibernation-swap.img";
    /** The swap header and some slack beyond the guest's memory. */
    private static final long EXTRA_BYTES = 16L << 20;

    private HibernationSwap() {
    }

    /** Creates (or empties) the swap file for a guest of {@code memoryMiB}; returns its path. */
    public static Path create(Path outputDirectory, long memoryMiB) throws IOException {
        Path file = outputDirectory.resolve(FILE_NAME);
        Files.createDirectories(outputDirectory);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " exists and is not a regular file (kvmboot creates its swap disk there)");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(0); // no page of an earlier run's image survives
            raf.setLength((memoryMiB << 20) + EXTRA_BYTES);
        }
        return file;
    }
}
