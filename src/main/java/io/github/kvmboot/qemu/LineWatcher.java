package io.github.kvmboot.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a child's output stream line by line on a daemon thread (so the child never blocks on a
 * full pipe), keeps the first few KiB, and signals the first wanted line or the end of the stream.
 */
final class LineWatcher {

    private static final int KEPT_CHARS = 4096;

    private final CountDownLatch wantedOrEnded = new CountDownLatch(1);
    private final StringBuilder kept = new StringBuilder();
    private final Predicate<String> wanted;
    private volatile String wantedLine;
    private volatile boolean ended;

    private LineWatcher(Predicate<String> wanted) {
        this.wanted = wanted;
    }

    static LineWatcher start(InputStream in, Predicate<String> wanted, String threadName) {
        LineWatcher watcher = new LineWatcher(wanted);
        Thread reader = new Thread(() -> watcher.readAll(in), threadName);
        reader.setDaemon(true);
        reader.start();
        return watcher;
    }

    /** True when a wanted line arrived or the stream ended within the time. */
    boolean await(Duration timeout) throws InterruptedException {
        return wantedOrEnded.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    Optional<String> wantedLine() {
        return Optional.ofNullable(wantedLine);
    }

    boolean ended() {
        return ended;
    }

    synchronized String text() {
        return kept.toString();
    }

    private void readAll(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                keep(line);
                if (wantedLine == null && wanted.test(line)) {
                    wantedLine = line;
                    wantedOrEnded.countDown();
                }
            }
        } catch (IOException e) {
            // The stream closes when the process is killed: that is its end, nothing more.
        } finally {
            ended = true;
            wantedOrEnded.countDown();
        }
    }

    private synchronized void keep(String line) {
        if (kept.length() < KEPT_CHARS) {
            kept.append(line, 0, Math.min(line.length(), KEPT_CHARS - kept.length())).append('\n');
        }
    }
}
