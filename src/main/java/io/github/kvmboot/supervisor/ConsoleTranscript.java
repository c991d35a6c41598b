package io.github.kvmboot.supervisor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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

    synchronized void add(Line line) {
        count++;
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
