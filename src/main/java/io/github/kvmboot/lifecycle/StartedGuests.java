package io.github.kvmboot.lifecycle;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.kvmboot.boot.GuestReport;
import io.github.kvmboot.supervisor.RunningGuest;

/**
 * The guests this JVM's start executions started and no stop has stopped yet, with the report
 * their stop writes. Keyed by the guest's directory, so modules built in parallel never meet.
 */
final class StartedGuests {

    record Started(GuestName name, RunningGuest guest, GuestReport report) {
    }

    private static final Map<Path, Started> BY_DIRECTORY = new ConcurrentHashMap<>();

    private StartedGuests() {
    }

    static void add(Started started) {
        BY_DIRECTORY.put(started.name().directory(), started);
    }

    /** Removes and returns the guest started in {@code directory}. */
    static Optional<Started> take(Path directory) {
        return Optional.ofNullable(BY_DIRECTORY.remove(directory));
    }

    /** The directories of the guests started under {@code base}. */
    static List<Path> under(Path base) {
        return BY_DIRECTORY.keySet().stream().filter(d -> base.equals(d.getParent())).sorted().toList();
    }
}
