package io.github.kvmboot.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.kvmboot.log.BuildLog;

/** Keeps every message (and echoes it to stderr, which surefire captures per test). */
final class RecordingLog implements BuildLog {

    private final List<String> messages = new ArrayList<>();

    private synchronized void record(String level, String message) {
        messages.add(level + " " + message);
        System.err.println("[" + level + "] " + message);
    }

    @Override public void debug(String message) { record("DEBUG", message); }
    @Override public void info(String message) { record("INFO", message); }
    @Override public void warn(String message) { record("WARN", message); }
    @Override public void error(String message) { record("ERROR", message); }
    @Override public boolean isDebugEnabled() { return true; }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> at(String level) {
        return messages.stream().filter(m -> m.startsWith(level + " ")).map(m -> m.substring(level.length() + 1))
                .collect(Collectors.toList());
    }

    synchronized boolean contains(String level, String fragment) {
        return at(level).stream().anyMatch(m -> m.contains(fragment));
    }
}
