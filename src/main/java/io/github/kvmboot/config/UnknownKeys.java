package io.github.kvmboot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds -Dkvmboot.* properties and KVM_BOOT* variables that are no setting: usually typos. */
final class UnknownKeys {

    private static final String ENV_PREFIX = "KVM_BOOT";
    private static final int MAX_TYPO_DISTANCE = 3;

    private UnknownKeys() {
    }

    static List<String> find(Map<String, String> commandLine, Map<String, String> environment) {
        Set<String> properties = Stream.of(Setting.values())
                .flatMap(s -> s.properties().stream()).collect(Collectors.toSet());
        Set<String> envVars = Stream.of(Setting.values())
                .map(Setting::envVar).filter(Objects::nonNull).collect(Collectors.toSet());
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(commandLine.keySet())) {
            if (key.startsWith(Setting.PROPERTY_PREFIX) && !properties.contains(key)) {
                warnings.add(warning("-D" + key, key, properties));
            }
        }
        for (String key : new TreeSet<>(environment.keySet())) {
            if (key.startsWith(ENV_PREFIX) && !envVars.contains(key)) {
                warnings.add(warning("environment variable " + key, key, envVars));
            }
        }
        return warnings;
    }

    private static String warning(String what, String key, Set<String> known) {
        String text = what + " is not a kvmboot setting";
        return closest(key, known).map(name -> text + "; did you mean " + name + "?").orElse(text);
    }

    private static Optional<String> closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = MAX_TYPO_DISTANCE + 1;
        for (String candidate : new TreeSet<>(known)) {
            int distance = distance(key.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein edit distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
