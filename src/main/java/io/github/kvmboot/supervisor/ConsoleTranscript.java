package io.github.kvmboot.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.kvmboot.supervisor.LineSplitter.Line;

/**
 * The recent console lines (escape-stripped) shared between the stdout pump, which adds them, and
 * the supervisor, which quotes them in results and failure messages. Keeps a bounded tail, plus
 * the context around the first fail-pattern match.
 */
final class ConsoleTranscript {

    static final int CONTEXT_LINES = 20;
    private static final int RECENT_CAPACITY = 200;

    private final ArrayDeque<Line> recent = new ArrayDeque<>();
    private long count;
    private Line failure;
    private List<Line> beforeFailure = List.of();
    private final List<Line> afterFailure = new ArrayList<>();
    private boolean ended;

    synchronized void add(Line line) {
        count++;
        notifyAll();
        if (recent.size() == RECENT_CAPACITY) {
            recent.removeFirst();
        }
        recent.addLast(line);
        if (failure != null && line != failure && afterFailure.size() < CONTEXT_LINES) {
            afterFailure.add(line);
        }
    }

    /** Remembers {@code line} (already added) as the failure and the lines before it as context. */
    synchronized void markFailure(Line line) {
        if (failure != null) {
            return;
        }
        failure = line;
        List<Line> all = new ArrayList<>(recent);
        int end = all.lastIndexOf(line);
        if (end < 0) {
            end = all.size();
        }
        beforeFailure = List.copyOf(all.subList(Math.max(0, end - CONTEXT_LINES), end));
    }

    /** The session ended: no more lines, waiters give up. */
    synchronized void end() {
        ended = true;
        notifyAll();
    }

    /**
     * The first line (among the recent ones already seen, then the coming ones) in which
     * {@code pattern} is found; empty after {@code timeout} or when the session ended first.
     */
    synchronized Optional<Line> awaitMatch(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long next = count - recent.size();
        while (true) {
            long first = count - recent.size();
            long index = first;
            for (Line line : recent) {
                if (index++ >= next && pattern.matcher(line.text()).find()) {
                    return Optional.of(line);
                }
            }
            next = count;
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized long count() {
        return count;
    }

    synchronized List<Line> last(int n) {
        List<Line> all = new ArrayList<>(recent);
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    synchronized List<String> failureExcerpt() {
        return failure == null ? List.of() : Excerpt.around(beforeFailure, failure, afterFailure);
    }
}
