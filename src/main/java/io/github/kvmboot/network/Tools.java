package io.github.kvmboot.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.github.kvmboot.KvmbootException;

/** Where each {@link Tool} is: absolute paths for real runs, bare names for a dry run's printout. */
public final class Tools {

    private final Map<Tool, String> commands;

    private Tools(Map<Tool, String> commands) {
        this.commands = commands;
    }

    /** Bare command names, for printing what would run. */
    public static Tools byName() {
        Map<Tool, String> names = new EnumMap<>(Tool.class);
        for (Tool tool : Tool.values()) {
            names.put(tool, tool.command());
        }
        return new Tools(names);
    }

    /** Looks every tool up; all missing ones are named in one error with their packages. */
    public static Tools find(Function<String, Optional<Path>> lookup, String path) throws KvmbootException {
        Map<Tool, String> found = new EnumMap<>(Tool.class);
        List<Tool> missing = new ArrayList<>();
        for (Tool tool : Tool.values()) {
            Optional<Path> p = lookup.apply(tool.command());
            if (p.isPresent()) {
                found.put(tool, p.get().toString());
            } else {
                missing.add(tool);
            }
        }
        if (!missing.isEmpty()) {
            Set<String> debian = new LinkedHashSet<>();
            Set<String> fedora = new LinkedHashSet<>();
            missing.forEach(t -> {
                debian.add(t.debianPackage());
                fedora.add(t.fedoraPackage());
            });
            throw new KvmbootException("kvmboot:setup-switch needs "
                    + String.join(", ", missing.stream().map(Tool::command).toList())
                    + ", not found on PATH (" + path + "). Fix: install them"
                    + " (Debian/Ubuntu: sudo apt-get install " + String.join(" ", debian)
                    + "; Fedora: sudo dnf install " + String.join(" ", fedora)
                    + "), or put their directory (often /usr/sbin) on PATH.");
        }
        return new Tools(found);
    }

    public String get(Tool tool) {
        return commands.get(tool);
    }
}
