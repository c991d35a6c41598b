package io.github.kvmboot.supervisor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.kvmboot.KvmbootException;

/**
 * The guests running in this JVM, by absolute output directory: how a later goal of the same
 * build (e.g. {@code kvmboot:stop}) finds the guest an earlier one started. One guest per directory.
 */
public final class RunningGuests {

    private static final Map<Path, RunningGuest> BY_DIRECTORY = new ConcurrentHashMap<>();

    private RunningGuests() {
    }

    /** The guest running with this output directory (relative paths count from the working directory). */
    public static Optional<RunningGuest> find(Path outputDirectory) {
        return Optional.ofNullable(BY_DIRECTORY.get(key(outputDirectory)));
    }

    public static List<RunningGuest> all() {
        return List.copyOf(BY_DIRECTORY.values());
    }

    static Path key(Path outputDirectory) {
        return outputDirectory.toAbsolutePath().normalize();
    }

    static void register(RunningGuest guest) throws KvmbootException {
        RunningGuest before = BY_DIRECTORY.putIfAbsent(guest.outputDirectory(), guest);
        if (before != null) {
            throw new KvmbootException("A guest started earlier in this build still runs with the output directory "
                    + guest.outputDirectory() + "; stop it first (kvmboot:stop) or give this run another directory");
        }
    }

    static void remove(RunningGuest guest) {
        BY_DIRECTORY.remove(guest.outputDirectory(), guest);
    }
}
