package io.github.kvmboot.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Says, in words fit for an error message, why a path is not a readable regular file. */
final class ReadableFile {

    private ReadableFile() {
    }

    /** Empty when the path (after following symbolic links) is a readable regular file. */
    static Optional<String> problem(Path path) {
        if (!Files.exists(path)) {
            return Optional.of(Files.isSymbolicLink(path)
                    ? "is a dangling symbolic link to " + linkTarget(path)
                    : "does not exist");
        }
        if (Files.isDirectory(path)) {
            return Optional.of("is a directory");
        }
        if (!Files.isRegularFile(path)) {
            return Optional.of("is not a regular file");
        }
        if (!Files.isReadable(path)) {
            return Optional.of("is not readable (permission denied)");
        }
        return Optional.empty();
    }

    static boolean isReadableRegularFile(Path path) {
        return problem(path).isEmpty();
    }

    static String display(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "an unreadable target";
        }
    }
}
