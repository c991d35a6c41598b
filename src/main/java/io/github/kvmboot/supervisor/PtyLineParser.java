package io.github.kvmboot.supervisor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses QEMU's {@code char device redirected to /dev/pts/N (label X)} announcements. */
public final class PtyLineParser {

    private static final Pattern PTY_LINE =
            Pattern.compile("char device redirected to (/dev/pts/\\d+) \\(label (\\S+)\\)");

    public record PtyMapping(String label, String path) {
    }

    private PtyLineParser() {
    }

    public static Optional<PtyMapping> parse(String line) {
        Matcher m = PTY_LINE.matcher(line);
        return m.find() ? Optional.of(new PtyMapping(m.group(2), m.group(1))) : Optional.empty();
    }
}
