package io.github.kvmboot.lifecycle;

import static io.github.kvmboot.config.Setting.QMP_COMMAND;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.json.Json;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.supervisor.GuestRecord;

/**
 * The qmp goal: one QMP command to a running guest found by its directory (kvmboot.name, or the
 * only guest under the output directory), on the guest's control socket; prints the reply as JSON.
 */
public final class QmpRun {

    private static final String FIX = "give a command name (query-status) or a JSON object"
            + " {\"execute\":\"<command>\",\"arguments\":{...}}";

    private final BuildLog log;
    private final HostEnvironment host;

    public QmpRun(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    /** @return the reply's {@code return} value */
    public JsonNode run(ResolvedSettings s) throws KvmbootException {
        String given = s.required(QMP_COMMAND, "set -Dkvmboot.qmp=query-status (or a whole JSON command)").trim();
        String command;
        Map<String, Object> arguments;
        if (given.startsWith("{")) {
            JsonNode request;
            try {
                request = Json.parse(given);
            } catch (IOException e) {
                throw s.invalid(QMP_COMMAND, "not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", FIX);
            }
            if (!request.path("execute").isTextual()) {
                throw s.invalid(QMP_COMMAND, "the JSON object has no \"execute\" name", FIX);
            }
            command = request.get("execute").asText();
            arguments = new java.util.LinkedHashMap<>();
            if (request.has("arguments") && !request.get("arguments").isObject()) {
                throw s.invalid(QMP_COMMAND, "its \"arguments\" are not a JSON object", FIX);
            }
            request.path("arguments").fields().forEachRemaining(e -> arguments.put(e.getKey(), e.getValue()));
        } else if (given.matches("[a-z][a-z0-9_-]*")) {
            command = given;
            arguments = Map.of();
        } else {
            throw s.invalid(QMP_COMMAND, "`" + given + "` is neither a QMP command name nor a JSON object", FIX);
        }
        GuestRecord guest = find(s);
        try (QmpClient qmp = guest.connect(Duration.ofSeconds(10))) {
            JsonNode reply = qmp.execute(command, arguments);
            log.info(Json.pretty(reply));
            return reply;
        } catch (IOException e) {
            throw new KvmbootException("QMP " + command + " to the guest in " + guest.outputDirectory() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private GuestRecord find(ResolvedSettings s) throws KvmbootException {
        Optional<GuestName> named = GuestName.named(s, host);
        Path base = GuestName.base(s, host);
        List<GuestRecord> running = new ArrayList<>();
        try {
            if (named.isPresent()) {
                GuestRecord.find(named.get().directory()).ifPresent(running::add);
            } else {
                GuestRecord.find(base).ifPresent(running::add); // a boot's guest runs in the base itself
                try (DirectoryStream<Path> children = Files.newDirectoryStream(base, Files::isDirectory)) {
                    for (Path child : children) {
                        GuestRecord.find(child).ifPresent(running::add);
                    }
                }
            }
        } catch (IOException e) {
            // no such directory: no guest
        }
        String where = named.map(n -> "named '" + n.name() + "' in " + n.directory()).orElse("under " + base);
        if (running.isEmpty()) {
            throw new KvmbootException("kvmboot:qmp: no running guest " + where
                    + " (start one with kvmboot:start or kvmboot:boot; kvmboot.outputDirectory and kvmboot.name say where)");
        }
        if (running.size() > 1) {
            throw new SettingException(s.get(io.github.kvmboot.config.Setting.NAME), "several guests run " + where + ": "
                    + running.stream().map(r -> r.outputDirectory().getFileName().toString()).toList(),
                    "pick one with -Dkvmboot.name=<name>");
        }
        return running.get(0);
    }
}
