package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;


import io.github.kvmboot.json.Json;
import io.github.kvmboot.log.BuildLog;

/** {@code result.json}: how the run ended, for CI scripts and for tests proving QEMU is gone. */
final class ResultFile {


    private ResultFile() {
    }

    static void write(Path outputDirectory, GuestResult result, BuildLog log) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", result.outcome().name());
        json.put("exitCode", result.exitCode());
        json.put("qemuPid", result.qemuPid());
        json.put("elapsedMillis", result.elapsed().toMillis());
        json.put("consoleLog", result.consoleLog().toString());
        json.put("ptys", result.ptys());
        json.put("excerpt", result.excerpt());
        json.put("commandExitCode", result.commandExitCode());
        json.put("guestPanicked", result.guestPanicked());
        json.put("qmpEvents", result.qmpEvents());
        json.put("warnings", result.warnings());
        json.put("powerEvents", result.powerEvents().stream()
                .map(e -> Map.of("event", e.name(), "at", e.at().toString(), "epochMillis", e.at().toEpochMilli())).toList());
        result.vmcore().ifPresent(vmcore -> {
            json.put("vmcore", vmcore.file().toString());
            json.put("vmcoreBytes", vmcore.bytes());
        });
        Path file = outputDirectory.resolve("result.json");
        try {
            Files.createDirectories(outputDirectory);
            Json.writePretty(file, json);
        } catch (IOException e) {
            log.warn("could not write " + file + ": " + e.getMessage());
        }
    }
}
