package io.github.kvmboot.supervisor;

import java.util.ArrayList;
import java.util.List;

import io.github.kvmboot.supervisor.LineSplitter.Line;

/** Formats console lines for failure messages: numbered like console.log, the culprit marked. */
final class Excerpt {

    private Excerpt() {
    }

    static List<String> around(List<Line> before, Line match, List<Line> after) {
        int width = numberWidth(after.isEmpty() ? match : after.get(after.size() - 1));
        List<String> out = new ArrayList<>();
        before.forEach(line -> out.add(format("  ", line, width)));
        out.add(format("> ", match, width));
        after.forEach(line -> out.add(format("  ", line, width)));
        return out;
    }

    static List<String> tail(List<Line> lines) {
        int width = lines.isEmpty() ? 1 : numberWidth(lines.get(lines.size() - 1));
        List<String> out = new ArrayList<>();
        lines.forEach(line -> out.add(format("  ", line, width)));
        return out;
    }

    static String indent(List<String> excerpt) {
        return excerpt.isEmpty() ? "  (no console output)" : String.join("\n", excerpt);
    }

    private static String format(String marker, Line line, int width) {
        return marker + String.format("%" + width + "d", line.number()) + " | " + line.text();
    }

    private static int numberWidth(Line last) {
        return Long.toString(last.number()).length();
    }
}
