package io.github.kvmboot.suspend;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console lines init prints around each cycle: {@code kvmboot-suspending 2/3 mem}, {@code kvmboot-resumed 2/3 mem}. */
public final class SuspendCycleMarkers {

    static final String SUSPENDING = "kvmboot-suspending ";
    static final String RESUMED = "kvmboot-resumed ";
    private static final Pattern MARKER = Pattern.compile("(kvmboot-suspending|kvmboot-resumed) (\\d+)/(\\d+) (\\w+)");

    /** A marker line: which cycle, of how many, and whether it starts or ends it. */
    public record Marker(boolean resumed, int cycle, int cycles, String mode) {
    }

    private SuspendCycleMarkers() {
    }

    public static Optional<Marker> parse(String line) {
        Matcher m = MARKER.matcher(line.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Marker(m.group(1).equals("kvmboot-resumed"), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4)));
    }
}
