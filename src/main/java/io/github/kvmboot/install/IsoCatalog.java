package io.github.kvmboot.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The installer ISOs in a directory (and its subdirectories), as the seed's {@code install-kvm-guest -l} lists them. */
public final class IsoCatalog {

    /** Deep enough for {@code /opt/isos/<distro>/<release>/x.iso}, shallow enough to stay quick on a big tree. */
    private static final int MAX_DEPTH = 4;

    public record Entry(Path path, long size) { }

    private IsoCatalog() {
    }

    /** Every {@code *.iso} file (any case) under {@code dir}, sorted by path. */
    public static List<Entry> list(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, MAX_DEPTH)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".iso") && Files.isRegularFile(p)) {
                    entries.add(new Entry(p, Files.size(p)));
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    /** One line per ISO: size, then the path relative to {@code dir}. */
    public static List<String> lines(Path dir, List<Entry> entries) {
        return entries.stream()
                .map(e -> String.format(Locale.ROOT, "%10s  %s", ImageSize.human(e.size()), dir.relativize(e.path())))
                .toList();
    }
}
