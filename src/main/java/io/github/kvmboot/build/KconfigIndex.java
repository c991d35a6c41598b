package io.github.kvmboot.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the given symbols are defined in a source tree's Kconfig files and what they depend on,
 * to explain why an option did not survive. Only used on the failure path (it reads every Kconfig).
 */
public final class KconfigIndex {

    private static final Pattern CONFIG = Pattern.compile("^\\s*(?:menu)?config\\s+([A-Za-z0-9_]+)\\s*$");
    private static final Pattern DEPENDS = Pattern.compile("^\\s*depends on\\s+(.*?)\\s*$");
    private static final Pattern ENTRY_END = Pattern.compile(
            "^\\s*(?:(?:menu)?config|choice|endchoice|menu|endmenu|if|endif|source|comment)\\b.*");

    /** One definition: the Kconfig file (relative to the tree) and its "depends on" expressions. */
    public record Definition(String file, List<String> dependsOn) {
    }

    private KconfigIndex() {
    }

    /** Symbols without the CONFIG_ prefix to their definitions; a symbol no Kconfig defines is absent. */
    public static Map<String, List<Definition>> find(Path source, Set<String> symbols) throws IOException {
        Map<String, List<Definition>> found = new HashMap<>();
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(p -> p.getFileName().toString().startsWith("Kconfig") && Files.isRegularFile(p))
                    .forEach(file -> scan(source, file, symbols, found));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return found;
    }

    private static void scan(Path source, Path file, Set<String> symbols, Map<String, List<Definition>> found) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return; // an unreadable Kconfig only makes the explanation poorer
        }
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CONFIG.matcher(lines.get(i));
            if (!m.matches() || !symbols.contains(m.group(1))) {
                continue;
            }
            List<String> depends = new ArrayList<>();
            for (int j = i + 1; j < lines.size() && !ENTRY_END.matcher(lines.get(j)).matches(); j++) {
                Matcher d = DEPENDS.matcher(lines.get(j));
                if (d.matches()) {
                    depends.add(d.group(1));
                }
            }
            found.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                    .add(new Definition(source.relativize(file).toString(), depends));
        }
    }
}
