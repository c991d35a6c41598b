package io.github.kvmboot.build;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A finished kernel build: the image, how long make ran, and what it built (CC/AS/LD/AR counts). */
public record BuildReport(Path bzImage, Duration duration, Map<String, Integer> counts) {

    public String summary() {
        return String.format("kvmboot: built %s in %.1f s (CC %d, AS %d, LD %d, AR %d)", bzImage,
                duration.toMillis() / 1000.0, counts.get("CC"), counts.get("AS"), counts.get("LD"), counts.get("AR"));
    }
}
