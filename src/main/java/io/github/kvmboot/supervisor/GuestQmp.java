package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.qmp.QmpClient;

/**
 * The session's QMP connection, once {@link QmpConnector} made it: event names for the judge,
 * ACPI power-down, and shared access for callers of {@link RunningGuest#qmp()} (commands are
 * serialized on this object).
 */
final class GuestQmp {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration DRAIN = Duration.ofSeconds(1);

    private final BuildLog log;
    private final Consumer<JsonNode> eventSink;
    private volatile QmpClient client;
    /** The event names of the QEMUs this session ran before the current one (a guest resumed from disk). */
    private final List<String> earlierEvents = new java.util.ArrayList<>();

    /** @param eventSink gets every QMP event as it arrives, on the client's reader thread */
    GuestQmp(BuildLog log, Consumer<JsonNode> eventSink) {
        this.log = log;
        this.eventSink = eventSink;
    }

    /** Takes the connected client; a second one (there is none in practice) is closed. */
    synchronized void adopt(QmpClient connected) {
        if (client == null) {
            connected.setReplyTimeout(REPLY_TIMEOUT);
            connected.onEvent(eventSink);
            connected.readContinuously("kvmboot-qmp-events"); // events as they come: no polling commands
            client = connected;
        } else {
            QemuProcess.closeQuietly(connected);
        }
    }

    /** QEMU exited and is started again: the next {@link #adopt} takes the new QEMU's connection. */
    synchronized void disconnected() {
        if (client != null) {
            earlierEvents.addAll(eventNames());
            QemuProcess.closeQuietly(client);
            client = null;
        }
    }

    Optional<QmpClient> client() {
        return Optional.ofNullable(client);
    }

    /** The names of the events QEMU sent so far; empty without QMP. */
    synchronized Optional<List<String>> eventNamesSoFar() {
        return client == null ? Optional.empty() : Optional.of(eventNames());
    }

    /** {@code system_wakeup}; QEMU's refusal (the guest is not suspended) is only logged. */
    synchronized void wakeup() {
        if (client != null) {
            try {
                client.execute("system_wakeup");
            } catch (IOException e) {
                log.warn("QMP system_wakeup: " + e.getMessage());
            }
        }
    }

    /** QMP {@code query-current-machine}'s {@code wakeup-suspend-support}; empty without QMP or an answer. */
    synchronized Optional<Boolean> wakeupSupported() {
        if (client == null) {
            return Optional.empty();
        }
        try {
            JsonNode support = client.execute("query-current-machine").path("wakeup-suspend-support");
            return support.isBoolean() ? Optional.of(support.asBoolean()) : Optional.empty();
        } catch (IOException e) {
            log.debug("QMP query-current-machine: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** After QEMU exited: the events it sent before closing the socket. Empty without QMP. */
    synchronized Optional<List<String>> lastEventNames() {
        if (client == null) {
            return Optional.empty();
        }
        client.readRemainingEvents(DRAIN);
        return Optional.of(eventNames());
    }

    private List<String> eventNames() {
        List<String> names = new java.util.ArrayList<>(earlierEvents);
        client.events().forEach(e -> names.add(e.path("event").asText()));
        return names;
    }

    /** QEMU's run state ({@code running}, {@code debug}, {@code prelaunch}, {@code guest-panicked}, ...); empty without QMP. */
    synchronized Optional<String> runState() {
        if (client == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.execute("query-status").path("status").asText());
        } catch (IOException e) {
            log.debug("QMP query-status: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Pauses the guest and writes its memory to {@code vmcore} (see {@link MemoryDump}). */
    synchronized Vmcore dump(Path vmcore, Duration limit) throws IOException, InterruptedException {
        if (client == null) {
            throw new IOException("no QMP connection to QEMU");
        }
        client.execute("stop");
        return MemoryDump.write(client, vmcore, limit);
    }

    /** ACPI power button; false without QMP or when QEMU did not accept it. */
    synchronized boolean powerDown() {
        if (client == null) {
            return false;
        }
        try {
            client.execute("system_powerdown");
            return true;
        } catch (IOException e) {
            log.debug("QMP system_powerdown: " + e.getMessage());
            return false;
        }
    }

    /** The client for {@link QemuProcess#stop}, which closes it by quitting. */
    QmpClient forQuit() {
        return client;
    }

    void close() {
        QemuProcess.closeQuietly(client);
    }
}
