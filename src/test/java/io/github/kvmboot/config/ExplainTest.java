package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainTest {

    private final ResolvedSettings settings = new SettingsResolver(
            Map.of("memory", "2G"),
            Map.of("kernel", "linux/arch/x86/boot/bzImage", "kvmboot.skip", ""),
            Map.of("kvmboot.timeout", "2m"),
            Map.of("KVM_BOOT_ACCEL", "tcg", "KVM_BOOT_KERNEL_APPEND", "console=ttyS0\nquiet")).resolve();

    @Test
    void oneLinePerSettingAfterAHeader() {
        List<String> lines = settings.explainLines();

        assertEquals(Setting.values().length + 1, lines.size());
        assertTrue(lines.get(0).matches("property\\s+value\\s+origin"), lines.get(0));
        for (int i = 0; i < Setting.values().length; i++) {
            assertTrue(lines.get(i + 1).startsWith(Setting.values()[i].canonicalProperty() + " "), lines.get(i + 1));
        }
    }

    @Test
    void everyRowShowsValueAndOrigin() {
        List<String> lines = settings.explainLines();

        for (Setting setting : Setting.values()) {
            SettingValue value = settings.get(setting);
            String row = row(lines, setting);
            if (value.isSet()) {
                assertTrue(row.contains(value.origin()), row);
            } else if (setting.defaultDescription() != null) {
                assertTrue(row.contains("(unset)") && row.endsWith("computed: " + setting.defaultDescription()), row);
            } else {
                assertTrue(row.contains("(unset)") && row.endsWith("not set"), row);
            }
        }
    }

    @Test
    void rowsForEachSource() {
        List<String> lines = settings.explainLines();

        assertTrue(row(lines, Setting.MEMORY).matches("kvmboot\\.memory +2G +<memory> in the plugin configuration"),
                row(lines, Setting.MEMORY));
        assertTrue(row(lines, Setting.KERNEL).matches(
                "kvmboot\\.kernel +linux/arch/x86/boot/bzImage +-Dkernel on the command line"), row(lines, Setting.KERNEL));
        assertTrue(row(lines, Setting.SKIP).matches("kvmboot\\.skip +\\(empty = true\\) +-Dkvmboot.skip on the command line"),
                row(lines, Setting.SKIP));
        assertTrue(row(lines, Setting.TIMEOUT).matches("kvmboot\\.timeout +2m +<kvmboot.timeout> in the POM properties"),
                row(lines, Setting.TIMEOUT));
        assertTrue(row(lines, Setting.ACCEL).matches("kvmboot\\.accel +tcg +environment variable KVM_BOOT_ACCEL"),
                row(lines, Setting.ACCEL));
        assertTrue(row(lines, Setting.BOOT_DIR).matches("kvmboot\\.bootDir +/boot +the default"),
                row(lines, Setting.BOOT_DIR));
        assertTrue(row(lines, Setting.CPUS).matches("kvmboot\\.cpus +\\(unset\\) +computed: min\\(4, host cores\\)"),
                row(lines, Setting.CPUS));
    }

    @Test
    void columnsAreAligned() {
        List<String> lines = settings.explainLines(List.of(Setting.MEMORY, Setting.BOOT_DIR, Setting.ACCEL));

        int valueColumn = lines.get(0).indexOf("value");
        int originColumn = lines.get(0).indexOf("origin");
        for (String line : lines.subList(1, lines.size())) {
            assertFalse(Character.isWhitespace(line.charAt(valueColumn)), line);
            assertTrue(Character.isWhitespace(line.charAt(valueColumn - 1)), line);
            assertFalse(Character.isWhitespace(line.charAt(originColumn)), line);
            assertTrue(Character.isWhitespace(line.charAt(originColumn - 1)), line);
        }
    }

    @Test
    void valuesStayOnOneLine() {
        for (String line : settings.explainLines()) {
            assertFalse(line.contains("\n"), line);
        }
        assertTrue(row(settings.explainLines(), Setting.APPEND).contains("console=ttyS0\\nquiet"));
    }

    @Test
    void subsetForAGoal() {
        List<String> lines = settings.explainLines(List.of(Setting.TAP_DEV, Setting.NETWORK_ADDRESS));

        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("kvmboot.tapDev "));
        assertTrue(lines.get(2).startsWith("kvmboot.networkAddress "));
    }

    @Test
    void explainJoinsTheLines() {
        assertEquals(String.join(System.lineSeparator(), settings.explainLines()), settings.explain());
    }

    private static String row(List<String> lines, Setting setting) {
        return lines.stream().filter(line -> line.startsWith(setting.canonicalProperty() + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + setting + " in " + lines));
    }
}
