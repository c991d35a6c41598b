package io.github.kvmboot;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/** Resolves a command name the way execvp does: a path when it contains '/', else a PATH lookup. */
public final class Executables {

    private Executables() {
    }

    /** Looks the command up on this process's PATH. */
    public static Optional<Path> find(String command) {
        return find(command, System.getenv("PATH"));
    }

    /** Looks the command up on the given PATH value (null: nowhere). */
    public static Optional<Path> find(String command, String pathVariable) {
        if (command.contains("/")) {
            Path path = Paths.get(command);
            return isExecutableFile(path) ? Optional.of(path) : Optional.empty();
        }
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Paths.get(dir, command);
                if (isExecutableFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
