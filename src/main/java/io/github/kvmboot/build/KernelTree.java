package io.github.kvmboot.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Linux source tree and the directory kbuild writes to: the tree itself, or an out-of-tree
 * {@code O=} build directory.
 */
public record KernelTree(Path source, Path output) {

    private static final Pattern VERSION_LINE = Pattern.compile("(?m)^VERSION = \\d+\\s*$");
    static final String BZIMAGE = "arch/x86/boot/bzImage";

    /** A problem with one of the two directories, and how to fix it. */
    public record Problem(boolean aboutBuildDir, String problem, String fix) {
    }

    /** Validates the source tree (and that it is clean when O= is used); empty when usable. */
    public static Optional<Problem> check(Path source, Path output) {
        if (!Files.isDirectory(source)) {
            return Optional.of(new Problem(false, "no directory " + source,
                    "point it at a Linux source checkout (the directory with the kernel's Makefile)"));
        }
        Path makefile = source.resolve("Makefile");
        if (!Files.isRegularFile(makefile) || !hasVersionLine(makefile) || !Files.isRegularFile(source.resolve("Kconfig"))) {
            return Optional.of(new Problem(false, source + " is not a Linux source tree (expected a Makefile"
                    + " with a 'VERSION =' line and a Kconfig file)",
                    "point it at the top of a Linux checkout"));
        }
        if (!source.equals(output) && (Files.exists(source.resolve(".config"))
                || Files.isDirectory(source.resolve("include/config")))) {
            return Optional.of(new Problem(true, "the source tree " + source + " is configured in-tree"
                    + " (it has .config or include/config), and kbuild refuses O= builds from such a tree",
                    "run 'make mrproper' in " + source + " (it deletes the in-tree .config: save it first"
                    + " and copy it to " + output + "/.config), or build in-tree by not setting kvmboot.buildDir"));
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            return Optional.of(new Problem(true, output + " exists and is not a directory",
                    "choose a directory for the build output"));
        }
        return Optional.empty();
    }

    private static boolean hasVersionLine(Path makefile) {
        try {
            String head = Files.readString(makefile).lines().limit(20).reduce("", (a, b) -> a + b + "\n");
            return VERSION_LINE.matcher(head).find();
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    public boolean outOfTree() {
        return !source.equals(output);
    }

    public Path dotConfig() {
        return output.resolve(".config");
    }

    public Path bzImage() {
        return output.resolve(BZIMAGE);
    }
}
