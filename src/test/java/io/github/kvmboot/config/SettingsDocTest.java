package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's settings table is the one generated from {@link Setting}: docs cannot drift. */
class SettingsDocTest {

    private static final String BEGIN = "<!-- settings:begin";
    private static final String END = "<!-- settings:end -->";

    @Test
    void readmeCarriesTheGeneratedSettingsTable() throws IOException {
        Path readme = Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the settings markers");
        int tableStart = text.indexOf('\n', begin) + 1;
        String documented = text.substring(tableStart, end);
        String generated = Setting.markdownTable().strip() + "\n";
        if (Boolean.getBoolean("kvmboot.updateReadme")) {
            Files.writeString(readme, text.substring(0, tableStart) + generated + text.substring(end), StandardCharsets.UTF_8);
            documented = generated;
        }
        assertEquals(generated, documented,
                "README.md's settings table is stale; regenerate it: ./mvnw test -Dtest=SettingsDocTest -Dkvmboot.updateReadme=true");
    }
}
