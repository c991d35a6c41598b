package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kvmboot.json.Json;
import io.github.kvmboot.process.ProcFs;
import io.github.kvmboot.qemu.qmp.QmpClient;

/**
 * How another process reaches a running guest: {@code <outputDirectory>/guest.json}, written by
 * the supervising Maven once QEMU answers on QMP and deleted when the session ends. A later
 * {@code kvmboot:qmp}, {@code kvmboot:wakeup} or {@code kvmboot:stop} from another terminal
 * finds the guest by its output directory. A record counts only while its QEMU still runs with
 * that control socket on its command line (a stale file or a reused pid is not a guest).
 *
 * @param controlSocket the guest's second QMP server, for clients other than the supervisor
 * @param helpers       the daemons beside QEMU (virtiofsd), for a later stop of a guest that outlived its Maven
 */
public record GuestRecord(Path outputDirectory, long pid, Path controlSocket, Path consoleLog, long startedMillis,
        List<Helper> helpers) {

    /** A helper daemon of the guest: its pid and the socket it serves (which tells a reused pid apart). */
    public record Helper(String name, long pid, Path socket) {
    }

    public GuestRecord {
        helpers = List.copyOf(helpers);
    }

    public GuestRecord(Path outputDirectory, long pid, Path controlSocket, Path consoleLog, long startedMillis) {
        this(outputDirectory, pid, controlSocket, consoleLog, startedMillis, List.of());
    }

    static final String FILE_NAME = "guest.json";

    public static Path file(Path outputDirectory) {
        return outputDirectory.resolve(FILE_NAME);
    }

    /** The running guest recorded in this output directory, if there is one. */
    public static Optional<GuestRecord> find(Path outputDirectory) throws IOException {
        Path file = file(outputDirectory.toAbsolutePath().normalize());
        JsonNode node;
        try {
            node = Json.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        List<Helper> helpers = new ArrayList<>();
        node.path("helpers").forEach(h -> helpers.add(new Helper(h.path("name").asText(), h.path("pid").asLong(),
                Path.of(h.path("socket").asText()))));
        GuestRecord record = new GuestRecord(Path.of(node.path("outputDirectory").asText()), node.path("pid").asLong(),
                Path.of(node.path("controlSocket").asText()), Path.of(node.path("consoleLog").asText()),
                node.path("startedMillis").asLong(), helpers);
        return record.isAlive() ? Optional.of(record) : Optional.empty();
    }

    /** Its QEMU runs and still serves the recorded control socket. */
    public boolean isAlive() {
        Optional<List<String>> argv = ProcFs.commandLine(pid);
        return ProcFs.isRunning(pid) && argv.isPresent()
                && argv.get().stream().anyMatch(arg -> arg.contains(controlSocket.toString()));
    }

    /** A QMP session on the control socket (capabilities negotiated); the caller closes it. */
    public QmpClient connect(Duration timeout) throws IOException {
        return QmpClient.connect(controlSocket, timeout);
    }

    /** Written to a temporary name, then renamed: a reader never sees half a record. */
    void write() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outputDirectory", outputDirectory.toString());
        fields.put("pid", pid);
        fields.put("controlSocket", controlSocket.toString());
        fields.put("consoleLog", consoleLog.toString());
        fields.put("startedMillis", startedMillis);
        fields.put("helpers", helpers.stream().map(h -> Map.of("name", h.name(), "pid", h.pid(),
                "socket", h.socket().toString())).toList());
        Path file = file(outputDirectory);
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(temp, Json.pretty(fields));
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
