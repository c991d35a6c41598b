package io.github.kvmboot.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a kernel .config or config fragment: symbol (with CONFIG_) to value; "n" for "is not set". */
public final class ConfigFile {

    private static final Pattern SET = Pattern.compile("^(CONFIG_[A-Za-z0-9_]+)=(.*)$");
    private static final Pattern NOT_SET = Pattern.compile("^# (CONFIG_[A-Za-z0-9_]+) is not set\\s*$");

    private ConfigFile() {
    }

    public static Map<String, String> read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            Matcher set = SET.matcher(trimmed);
            Matcher notSet = NOT_SET.matcher(trimmed);
            if (set.matches()) {
                values.put(set.group(1), set.group(2));
            } else if (notSet.matches()) {
                values.put(notSet.group(1), "n");
            }
        }
        return values;
    }
}
