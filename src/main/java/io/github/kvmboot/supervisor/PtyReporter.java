package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.qmp.Chardev;
import io.github.kvmboot.supervisor.PtyLineParser.PtyMapping;

/**
 * The guest's ptys: collected from QEMU's announcements, confirmed by QMP, reported once to the
 * build log, {@code ptys.json} and the listener.
 */
final class PtyReporter {

    private final Path json;
    private final GuestListener listener;
    private final BuildLog log;
    private final Map<String, String> ptys = new LinkedHashMap<>();
    private boolean reported;

    PtyReporter(Path outputDirectory, GuestListener listener, BuildLog log) {
        this.json = outputDirectory.resolve("ptys.json");
        this.listener = listener;
        this.log = log;
    }

    void announced(PtyMapping mapping) {
        ptys.put(mapping.label(), mapping.path());
    }

    /** QMP is authoritative; the printed lines are what the user saw. Warn when they disagree. */
    void confirm(List<Chardev> chardevs) {
        for (Chardev chardev : chardevs) {
            Optional<String> path = chardev.ptyPath();
            if (path.isEmpty()) {
                continue;
            }
            String printed = ptys.put(chardev.label(), path.get());
            if (printed != null && !printed.equals(path.get())) {
                log.warn("pty of " + chardev.label() + ": QEMU printed " + printed + " but query-chardev says "
                        + path.get() + "; using " + path.get());
            }
        }
    }

    boolean reported() {
        return reported;
    }

    void report() {
        reported = true;
        if (!ptys.isEmpty()) {
            log.info(PtyReport.format(ptys));
        }
        try {
            PtyReport.writeJson(json, ptys);
        } catch (IOException e) {
            log.warn("Cannot write " + json + ": " + e.getMessage());
        }
        try {
            listener.ptysReady(new LinkedHashMap<>(ptys));
        } catch (RuntimeException e) {
            log.warn("pty listener failed: " + e);
        }
    }

    Map<String, String> ptys() {
        return Map.copyOf(ptys);
    }
}
