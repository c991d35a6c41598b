package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The modules of one kernel release ({@code lib/modules/<release>}), indexed by name. Dependencies
 * come from each module's own {@code .modinfo} ({@code depends=}), so no {@code depmod} run is
 * needed (Debian packages unpacked with dpkg-deb have no modules.dep).
 */
public final class KernelModules {

    private final Path directory;
    private final Map<String, Path> byName;

    private KernelModules(Path directory, Map<String, Path> byName) {
        this.directory = directory;
        this.byName = byName;
    }

    /**
     * Finds the module directory for the release: {@code dir} itself when it holds modules, else
     * {@code dir/lib/modules/<release>} (an INSTALL_MOD_PATH) or {@code dir/<release>}.
     */
    public static Optional<Path> locate(Path dir, String release) {
        for (Path candidate : List.of(dir.resolve("lib/modules").resolve(release), dir.resolve(release), dir)) {
            if (Files.isDirectory(candidate.resolve("kernel")) || Files.isRegularFile(candidate.resolve("modules.order"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static KernelModules index(Path directory) throws IOException {
        Map<String, Path> byName = new TreeMap<>();
        // the real path: a walk does not enter a symlink as its start (kvmboot.modules may be one),
        // and following links inside would enter the build/ and source/ trees
        try (Stream<Path> files = Files.walk(directory.toRealPath())) {
            files.filter(f -> f.getFileName().toString().endsWith(".ko") && Files.isRegularFile(f))
                    .forEach(f -> byName.putIfAbsent(normalize(f.getFileName().toString().replaceFirst("\\.ko$", "")), f));
        }
        return new KernelModules(directory, byName);
    }

    static String normalize(String moduleName) {
        return moduleName.trim().replace('-', '_');
    }

    public Path directory() {
        return directory;
    }

    public boolean contains(String name) {
        return byName.containsKey(normalize(name));
    }

    /** A module to load: its name and file. */
    public record Module(String name, Path file) { }

    /**
     * The named modules with their dependencies, in load order (dependencies first, each once).
     *
     * @throws IOException naming the first module that is not in this directory
     */
    public List<Module> loadOrder(Collection<String> names) throws IOException {
        Map<String, Module> ordered = new LinkedHashMap<>();
        for (String name : names) {
            add(normalize(name), ordered, new LinkedHashSet<>(), name);
        }
        return new ArrayList<>(ordered.values());
    }

    private void add(String name, Map<String, Module> ordered, Set<String> visiting, String requested) throws IOException {
        if (ordered.containsKey(name) || !visiting.add(name)) {
            return;
        }
        Path file = byName.get(name);
        if (file == null) {
            throw new IOException("no module " + name + (name.equals(normalize(requested)) ? "" : " (needed by " + requested + ")")
                    + " under " + directory + " (only uncompressed .ko files are used)");
        }
        String depends = ElfFile.read(file).modinfo("depends").orElse("");
        for (String dependency : depends.split(",")) {
            if (!dependency.isBlank()) {
                add(normalize(dependency), ordered, visiting, requested);
            }
        }
        ordered.put(name, new Module(name, file));
    }
}
