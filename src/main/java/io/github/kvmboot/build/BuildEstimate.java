package io.github.kvmboot.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Percent done and time left for a kernel build, from the number of objects the previous build in
 * the same build directory made (saved there as {@value #FILE_NAME}). Kbuild cannot say up front
 * how many objects a build will make, so without a previous build, or once this build has made
 * more than the previous one, there is no estimate.
 */
public final class BuildEstimate {

    public static final String FILE_NAME = ".kvmboot-objects";
    /** A build making less than this share of the saved count was incremental: it does not replace it. */
    private static final int INCREMENTAL_PERCENT = 10;
    /** Percent never shown as 100 before make has finished. */
    private static final int MAX_PERCENT = 99;

    private final int expectedObjects;

    public BuildEstimate(int expectedObjects) {
        if (expectedObjects <= 0) {
            throw new IllegalArgumentException("expected objects must be positive: " + expectedObjects);
        }
        this.expectedObjects = expectedObjects;
    }

    /**
     * {@code "24% of ~4810, about 3 min 10 s left"} after {@code done} objects in {@code elapsed};
     * empty once the build has outgrown the previous one.
     */
    public Optional<String> describe(int done, Duration elapsed) {
        if (done <= 0 || done >= expectedObjects) {
            return Optional.empty();
        }
        int percent = Math.min(MAX_PERCENT, (int) (100L * done / expectedObjects));
        long leftMillis = elapsed.toMillis() * (expectedObjects - done) / done;
        return Optional.of(percent + "% of ~" + expectedObjects + ", about " + humanDuration(Duration.ofMillis(leftMillis))
                + " left");
    }

    /** {@code 45 s}, {@code 3 min 10 s}, {@code 1 h 5 min}; rounded to whole seconds (5 s steps above a minute). */
    static String humanDuration(Duration d) {
        long seconds = Math.max(0, Math.round(d.toMillis() / 1000.0));
        if (seconds < 60) {
            return seconds + " s";
        }
        seconds = (seconds + 2) / 5 * 5;
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = (seconds + 30) / 60;
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

    /** The estimate from the count saved in {@code buildDirectory}, if a previous build saved one. */
    public static Optional<BuildEstimate> load(Path buildDirectory) {
        OptionalInt saved = read(buildDirectory.resolve(FILE_NAME));
        return saved.isPresent() && saved.getAsInt() > 0 ? Optional.of(new BuildEstimate(saved.getAsInt())) : Optional.empty();
    }

    /**
     * Saves a finished build's object count for the next build's estimate, unless it was an
     * incremental build (under {@value #INCREMENTAL_PERCENT}% of the saved count: a touched file
     * says nothing about the next full build). Best effort: a read-only build directory only
     * loses the estimate.
     */
    public static void save(Path buildDirectory, int objects) {
        Path file = buildDirectory.resolve(FILE_NAME);
        OptionalInt saved = read(file);
        if (objects <= 0 || saved.isPresent() && 100L * objects < (long) INCREMENTAL_PERCENT * saved.getAsInt()) {
            return;
        }
        try {
            Files.writeString(file, objects + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // no estimate next time; the build itself is fine
        }
    }

    private static OptionalInt read(Path file) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
