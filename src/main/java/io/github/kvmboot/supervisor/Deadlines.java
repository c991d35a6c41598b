package io.github.kvmboot.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code System.nanoTime()} deadlines of one turn of the event loop, computed once: the loop
 * waits until the earliest, then asks which expired (in the order they were added).
 */
final class Deadlines<K> {

    private record Entry<K>(K key, long at) {
    }

    private final List<Entry<K>> entries = new ArrayList<>();

    void add(K key, long at) {
        entries.add(new Entry<>(key, at));
    }

    boolean any() {
        return !entries.isEmpty();
    }

    long nanosUntilEarliest(long now) {
        long earliest = entries.get(0).at();
        for (Entry<K> entry : entries) {
            if (entry.at() - earliest < 0) {
                earliest = entry.at();
            }
        }
        return Math.max(0, earliest - now);
    }

    /** The first added deadline that has passed at {@code now}. */
    Optional<K> firstExpired(long now) {
        return entries.stream().filter(e -> now - e.at() >= 0).map(Entry::key).findFirst();
    }
}
