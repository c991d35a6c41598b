package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.github.kvmboot.json.Json;

/** The "Guest ports:" block in the log and ptys.json for scripts. */
final class PtyReport {

    private PtyReport() {
    }

    static String format(Map<String, String> ptys) {
        int labelWidth = Math.max(8, ptys.keySet().stream().mapToInt(String::length).max().orElse(0));
        int pathWidth = Math.max(12, ptys.values().stream().mapToInt(String::length).max().orElse(0));
        StringBuilder out = new StringBuilder("Guest ports:");
        ptys.forEach((label, path) -> out.append(String.format("%n  %-" + labelWidth + "s -> %-" + pathWidth
                + "s  (screen %s)", label, path, path)));
        return out.toString();
    }

    static void writeJson(Path file, Map<String, String> ptys) throws IOException {
        Json.writePretty(file, ptys);
    }
}
