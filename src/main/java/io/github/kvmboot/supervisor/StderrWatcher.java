package io.github.kvmboot.supervisor;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.PtyLineParser.PtyMapping;

/** QEMU's stderr: warnings and errors, kept (the last ones) for failure messages. */
final class StderrWatcher {

    static final int TAIL_LINES = 50;

    private final BuildLog log;
    private final Consumer<SupervisorEvent> events;
    private final ArrayDeque<String> tail = new ArrayDeque<>();

    StderrWatcher(BuildLog log, Consumer<SupervisorEvent> events) {
        this.log = log;
        this.events = events;
    }

    void accept(String rawLine) {
        String line = ConsoleText.strip(rawLine);
        Optional<PtyMapping> pty = PtyLineParser.parse(line);
        if (pty.isPresent()) {
            log.debug("qemu: " + line);
            events.accept(new SupervisorEvent.PtyAnnounced(pty.get()));
            return;
        }
        if (line.contains("terminating on signal")) {
            log.info("qemu: " + line); // the normal answer to our SIGTERM, not a problem
        } else {
            log.warn("qemu: " + line);
        }
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }
    }

    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
