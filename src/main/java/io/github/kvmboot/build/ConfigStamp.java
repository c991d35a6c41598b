package io.github.kvmboot.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.Digests;

/**
 * A digest of everything merge_config.sh and olddefconfig read: the .config, the fragments, make's
 * ARCH/CROSS_COMPILE/LLVM, and the Kconfig files kbuild itself lists in
 * {@code include/config/auto.conf.cmd} (their sizes and times). kernel-config writes it into the
 * build directory after a successful run; when the next run computes the same digest, the two
 * steps would write the same .config and are skipped (about 1.5-2 s of every edit-build-boot loop).
 * Without auto.conf.cmd (no build yet) there is no stamp and kernel-config always runs.
 */
final class ConfigStamp {

    static final String FILE = ".kvmboot-config-stamp";
    private static final String DEPS_START = "deps_config := \\";

    private ConfigStamp() {
    }

    /** The digest now, or empty when kbuild's list of Kconfig files does not exist yet. */
    static Optional<String> compute(KernelTree tree, MakeCommand make, BaseConfig base, List<Path> fragments)
            throws IOException {
        Path depsFile = tree.output().resolve("include/config/auto.conf.cmd");
        if (!Files.isRegularFile(depsFile) || !Files.isRegularFile(tree.dotConfig())) {
            return Optional.empty();
        }
        MessageDigest digest = Digests.sha256();
        update(digest, "make " + make.arch().orElse("") + " " + make.crossCompile().orElse("") + " " + make.llvm()
                + " base " + base);
        update(digest, Files.readAllBytes(tree.dotConfig()));
        for (Path fragment : fragments) {
            update(digest, fragment.toString());
            update(digest, Files.readAllBytes(fragment));
        }
        List<String> lines = Files.readAllLines(depsFile);
        update(digest, String.join("\n", lines));
        boolean inDeps = false;
        for (String line : lines) {
            if (line.equals(DEPS_START)) {
                inDeps = true;
                continue;
            }
            if (!inDeps) {
                continue;
            }
            String file = line.strip();
            if (file.endsWith("\\")) {
                file = file.substring(0, file.length() - 1).strip();
            } else {
                inDeps = false; // the list's last line has no continuation
            }
            if (!file.isEmpty()) {
                update(digest, file + " " + describe(tree.source().resolve(file)));
            }
        }
        return Optional.of(HexFormat.of().formatHex(digest.digest()));
    }

    static Optional<String> read(KernelTree tree) throws IOException {
        Path file = tree.output().resolve(FILE);
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }

    static void write(KernelTree tree, String stamp) throws IOException {
        Files.writeString(tree.output().resolve(FILE), stamp + "\n");
    }

    static void delete(KernelTree tree) throws IOException {
        Files.deleteIfExists(tree.output().resolve(FILE));
    }

    private static String describe(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + " " + a.lastModifiedTime().toMillis();
        } catch (NoSuchFileException gone) {
            return "missing";
        }
    }

    private static void update(MessageDigest digest, String text) {
        update(digest, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) 0);
        digest.update(bytes);
    }
}
