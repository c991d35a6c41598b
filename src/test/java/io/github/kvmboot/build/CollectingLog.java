package io.github.kvmboot.build;

import java.util.ArrayList;
import java.util.List;

import io.github.kvmboot.log.BuildLog;

/** Keeps the info and warning messages (debug goes to stderr only: make output is long). */
final class CollectingLog implements BuildLog {
    private final List<String> messages = new ArrayList<>();

    @Override public void debug(String m) { System.err.println("[DEBUG] " + m); }
    @Override public synchronized void info(String m) { messages.add(m); System.err.println("[INFO] " + m); }
    @Override public synchronized void warn(String m) { messages.add(m); System.err.println("[WARN] " + m); }
    @Override public synchronized void error(String m) { messages.add(m); System.err.println("[ERROR] " + m); }
    @Override public boolean isDebugEnabled() { return false; }

    synchronized String text() {
        return String.join("\n", messages);
    }
}
