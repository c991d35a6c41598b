package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kvmboot.qemu.qmp.QmpClient;

/**
 * The guest's memory as an ELF core, written by QEMU ({@code dump-guest-memory}, no paging: every
 * guest page, readable by crash and drgn). QEMU writes to {@code vmcore.part}; only a completed
 * dump is renamed to {@code vmcore}, so a file of that name is never half-written.
 */
final class MemoryDump {

    private static final Duration POLL = Duration.ofMillis(200);

    private MemoryDump() {
    }

    /** Writes the dump of the (paused) guest; throws when QEMU reports failure or takes longer than {@code limit}. */
    static Vmcore write(QmpClient qmp, Path vmcore, Duration limit) throws IOException, InterruptedException {
        Path absolute = vmcore.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        Files.createDirectories(absolute.getParent());
        Files.deleteIfExists(partial);
        Files.deleteIfExists(absolute); // an older run's dump must not pass for this one's
        qmp.execute("dump-guest-memory", Map.of("paging", false, "protocol", "file:" + partial, "detach", true));
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<String> failure = progress(qmp.execute("query-dump"));
            if (failure.isEmpty()) {
                break;
            }
            if (!failure.get().isEmpty()) {
                Files.deleteIfExists(partial);
                throw new IOException("QEMU could not write the dump: " + failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the dump took longer than " + limit.toSeconds() + " s; " + partial + " is incomplete");
            }
            Thread.sleep(POLL.toMillis());
        }
        Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
        return new Vmcore(absolute, Files.size(absolute));
    }

    /** Empty when completed, "" while active, else the failure. */
    private static Optional<String> progress(JsonNode status) {
        String state = status.path("status").asText();
        return switch (state) {
            case "completed" -> Optional.empty();
            case "active" -> Optional.of("");
            default -> Optional.of("status " + state + " after " + status.path("completed").asLong() + " of "
                    + status.path("total").asLong() + " bytes");
        };
    }

    /** The commands that open the dump, for the log. */
    static String howToOpen(Vmcore dump, Optional<Path> vmlinux) {
        String symbols = vmlinux.map(Path::toString).orElse("vmlinux");
        return "crash " + symbols + " " + dump.file() + "  (or: drgn -c " + dump.file() + " -s " + symbols + ")";
    }
}
