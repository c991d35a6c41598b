package io.github.kvmboot.log;

import java.time.Duration;

/** Durations as the build log shows them: {@code 5 s}, {@code 300 ms}, {@code 1.5 s}. */
public final class Durations {

    private Durations() {
    }

    public static String describe(Duration duration) {
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
