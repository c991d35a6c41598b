package io.github.kvmboot.kernel;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the kernels installed in a boot directory ({@code vmlinuz-<release>}, {@code bzImage-<release>},
 * {@code kernel-<release>}) and orders them by release version, never by modification time.
 */
public final class BootDirScanner {

    /** In order of preference when one release has several images. */
    private static final List<String> PREFIXES = List.of("vmlinuz-", "bzImage-", "kernel-");
    /** Backups and signatures next to a kernel; {@code vmlinuz-R.old} would otherwise look newer than R. */
    private static final List<String> NOT_A_KERNEL_SUFFIXES =
            List.of(".old", ".bak", ".sig", ".hmac", ".dpkg-old", ".dpkg-new", ".dpkg-tmp");
    private static final int LISTED_NAMES = 10;

    private static final Comparator<String> NEWEST_FIRST =
            Comparator.comparing(BootDirScanner::looksLikeVersion)
                    .thenComparing(new KernelVersionComparator())
                    .reversed();

    private BootDirScanner() {
    }

    /** The kernel with the highest release, and its initramfs if one is installed. */
    public static BootEntry newest(Path bootDir) throws KernelDiscoveryException {
        return all(bootDir).get(0);
    }

    /**
     * Every kernel, newest first. Releases that do not start with a digit (Arch's {@code vmlinuz-linux})
     * carry no version, so they come after all versioned ones.
     */
    public static List<BootEntry> all(Path bootDir) throws KernelDiscoveryException {
        List<String> names = list(bootDir);
        Map<String, Path> kernelsByRelease = new LinkedHashMap<>();
        for (String prefix : PREFIXES) {
            for (String name : names) {
                Optional<String> release = releaseOf(name, prefix);
                Path file = bootDir.resolve(name);
                if (release.isPresent() && Files.isRegularFile(file)) {
                    kernelsByRelease.putIfAbsent(release.get(), file);
                }
            }
        }
        if (kernelsByRelease.isEmpty()) {
            throw new KernelDiscoveryException("no kernel images in boot directory " + ReadableFile.display(bootDir)
                    + ": looked for regular files named "
                    + PREFIXES.stream().map(p -> p + "<release>").collect(Collectors.joining(", "))
                    + describeContents(names));
        }
        List<BootEntry> entries = new ArrayList<>();
        kernelsByRelease.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(NEWEST_FIRST))
                .forEach(e -> entries.add(new BootEntry(e.getValue(), e.getKey(),
                        InitramfsLocator.findIfPresent(bootDir, e.getKey()))));
        return entries;
    }

    private static List<String> list(Path bootDir) throws KernelDiscoveryException {
        String where = ReadableFile.display(bootDir);
        if (!Files.exists(bootDir)) {
            throw new KernelDiscoveryException("boot directory " + where + " does not exist");
        }
        if (!Files.isDirectory(bootDir)) {
            throw new KernelDiscoveryException("boot directory " + where + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(bootDir)) {
            return entries.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (AccessDeniedException e) {
            throw new KernelDiscoveryException("boot directory " + where + " is not readable (permission denied)", e);
        } catch (IOException e) {
            throw new KernelDiscoveryException("cannot list boot directory " + where + ": " + e, e);
        }
    }

    private static Optional<String> releaseOf(String name, String prefix) {
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return Optional.empty();
        }
        if (NOT_A_KERNEL_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return Optional.empty();
        }
        return Optional.of(name.substring(prefix.length()));
    }

    private static boolean looksLikeVersion(String release) {
        return Character.isDigit(release.charAt(0));
    }

    private static String describeContents(List<String> names) {
        if (names.isEmpty()) {
            return " (the directory is empty)";
        }
        String shown = names.stream().limit(LISTED_NAMES).collect(Collectors.joining(", "));
        return " (found " + shown + (names.size() > LISTED_NAMES ? " and " + (names.size() - LISTED_NAMES) + " more" : "")
                + ")";
    }
}
