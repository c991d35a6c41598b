package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Reads a file another process appends to (the console of a detachable QEMU, which writes
 * {@code console.log} itself so that it can outlive the JVM), as a stream: at its end it waits for
 * more while the writer lives, then reads what the writer wrote last and ends.
 */
final class FollowedFile extends InputStream {

    private static final long POLL_MILLIS = 10;

    private final InputStream in;
    private final BooleanSupplier writerAlive;
    private volatile boolean abandoned;

    /** @param from the length of the file before the writer started: what is read starts there */
    FollowedFile(Path file, long from, BooleanSupplier writerAlive) throws IOException {
        this.in = Files.newInputStream(file);
        this.writerAlive = writerAlive;
        in.skipNBytes(from);
    }

    /** Ends the stream at once (the reader lets go; the writer goes on). */
    void abandon() {
        abandoned = true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        while (!abandoned) {
            boolean alive = writerAlive.getAsBoolean(); // before the read: nothing written after it is missed
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                return n;
            }
            if (!alive) {
                return -1;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
