package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingTest {

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsDocumented(Setting setting) {
        assertFalse(setting.description().isBlank(), setting + " has no description");
        assertTrue(setting.description().endsWith("."), setting + ": description should be a sentence");
        assertFalse(setting.defaultValue() != null && setting.defaultDescription() != null,
                setting + ": a default is either a value or computed, not both");
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void canonicalPropertyIsKvmbootDotParameterName(Setting setting) {
        assertEquals("kvmboot." + setting.parameterName(), setting.canonicalProperty());
        assertEquals(setting.canonicalProperty(), setting.properties().get(0));
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void envVarsFollowTheKvmBootConvention(Setting setting) {
        if (setting.envVar() != null) {
            assertTrue(setting.envVar().startsWith("KVM_BOOT"), setting.envVar());
        }
    }

    @Test
    void parameterNamesAreUnique() {
        assertNoDuplicates(Stream.of(Setting.values()).map(Setting::parameterName).toList());
    }

    @Test
    void propertiesAreUniqueAcrossSettings() {
        assertNoDuplicates(Stream.of(Setting.values()).flatMap(s -> s.properties().stream()).toList());
    }

    @Test
    void envVarsAreUniqueAcrossSettings() {
        assertNoDuplicates(Stream.of(Setting.values()).map(Setting::envVar).filter(Objects::nonNull).toList());
    }

    @Test
    void kernelHasTheShortPropertyAsAlias() {
        assertEquals(List.of("kvmboot.kernel", "kernel"), Setting.KERNEL.properties());
        assertEquals("kernel", Setting.KERNEL.parameterName());
    }

    @Test
    void networkAddressDoesNotClashWithTheNetworkMode() {
        assertEquals("kvmboot.networkAddress", Setting.NETWORK_ADDRESS.canonicalProperty());
        assertEquals("KVM_BOOT_NETWORK", Setting.NETWORK_ADDRESS.envVar());
        assertEquals("kvmboot.network", Setting.NETWORK.canonicalProperty());
        assertEquals("KVM_BOOT_NETWORK_MODE", Setting.NETWORK.envVar());
    }

    @Test
    void contractDefaultsAndEnvVars() {
        assertEquals("1024", Setting.MEMORY.defaultValue());
        assertEquals("KVM_BOOT_MEM", Setting.MEMORY.envVar());
        assertEquals("KVM_BOOT", Setting.COMMAND.envVar());
        assertEquals("KVM_BOOT_KERNEL_APPEND", Setting.APPEND.envVar());
        assertEquals("KVM_BOOT_ENABLE_GRAPHICS", Setting.GRAPHICS.envVar());
        assertEquals("Kernel panic - not syncing|Oops|BUG:|KASAN|general protection fault",
                Setting.FAIL_ON.defaultValue());
        assertEquals("auto", Setting.ACCEL.defaultValue());
        assertEquals("fast", Setting.DEVICE_SET.defaultValue());
        assertNull(Setting.CPUS.defaultValue());
        assertNotNull(Setting.CPUS.defaultDescription());
        assertNull(Setting.LATEST.envVar());
    }

    @Test
    void flagsDefaultToFalse() {
        for (Setting setting : Setting.values()) {
            if (setting.isFlag()) {
                assertEquals("false", setting.defaultValue(), setting.toString());
            }
        }
        assertTrue(Setting.SKIP.isFlag());
        assertFalse(Setting.MEMORY.isFlag());
    }

    @Test
    void noneDisablesInitrdNextTargetAndFailOn() {
        Set<Setting> acceptNone = new HashSet<>();
        for (Setting setting : Setting.values()) {
            if (setting.acceptsNone()) {
                acceptNone.add(setting);
            }
        }
        assertEquals(Set.of(Setting.INITRD, Setting.NEXT_TARGET, Setting.FAIL_ON), acceptNone);
    }

    @Test
    void markdownTableListsEveryPropertyAndEnvVar() {
        String table = Setting.markdownTable();
        for (Setting setting : Setting.values()) {
            for (String property : setting.properties()) {
                assertTrue(table.contains("`" + property + "`"), property);
            }
            if (setting.envVar() != null) {
                assertTrue(table.contains("`" + setting.envVar() + "`"), setting.envVar());
            }
        }
    }

    @Test
    void markdownTableHasOneRowPerSettingWithSixCells() {
        List<String> lines = table();
        assertEquals("| property | env var | default | type | goals | description |", lines.get(0));
        assertEquals(Setting.values().length + 2, lines.size());
        for (String row : lines.subList(2, lines.size())) {
            // Escaped pipes (the failOn default) must not split a cell.
            assertEquals(7, row.replace("\\|", "").chars().filter(c -> c == '|').count(), row);
        }
    }

    @Test
    void markdownTableShowsDefaults() {
        String table = Setting.markdownTable();
        assertTrue(table.contains("| `kvmboot.memory` | `KVM_BOOT_MEM` | `1024` |"), table);
        assertTrue(table.contains("| `kvmboot.cpus` | `KVM_BOOT_CPUS` | computed: min(4, host cores) |"), table);
        assertTrue(table.contains("| `kvmboot.target` | `KVM_BOOT_TARGET` | unset |"), table);
        assertTrue(table.contains("| `kvmboot.skip` | – | `false` |"), table);
        assertTrue(table.contains("`Kernel panic - not syncing\\|Oops\\|BUG:"), table);
    }

    @Test
    void markdownTableShowsTypesAndGoals() {
        String table = Setting.markdownTable();
        assertTrue(table.contains("| `kvmboot.memory` | `KVM_BOOT_MEM` | `1024` | size | boot, install-guest |"), table);
        assertTrue(table.contains("| `kvmboot.accel` | `KVM_BOOT_ACCEL` | `auto` | `auto` / `kvm` / `tcg` | boot, install-guest |"),
                table);
        assertTrue(table.contains("| `kvmboot.initrd` | `KVM_BOOT_INITRD` | computed: the initramfs matching the kernel"
                + " release | path or `none` | boot |"), table);
        assertTrue(table.contains("| `kvmboot.skip` | – | `false` | flag | all |"), table);
        assertTrue(table.contains("| `kvmboot.jobs` | `KVM_BOOT_JOBS` | computed: host cores | count | kernel-config, build |"),
                table);
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsReadBySomeGoal(Setting setting) {
        assertFalse(setting.goals().isEmpty(), setting + " is read by no goal");
        assertEquals(setting.isCommon(), setting.goals().equals(EnumSet.allOf(Goal.class)), setting.toString());
    }

    @Test
    void onlySkipExplainAndOutputDirectoryAreCommonToEveryGoal() {
        Set<Setting> common = EnumSet.noneOf(Setting.class);
        for (Setting setting : Setting.values()) {
            if (setting.isCommon()) {
                common.add(setting);
            }
        }
        assertEquals(EnumSet.of(Setting.SKIP, Setting.EXPLAIN, Setting.OUTPUT_DIRECTORY), common);
    }

    @Test
    void forGoalListsTheSettingsReadByThatGoal() {
        for (Goal goal : Goal.values()) {
            for (Setting setting : Setting.values()) {
                assertEquals(setting.isReadBy(goal), Setting.forGoal(goal).contains(setting), goal + " " + setting);
            }
        }
        assertTrue(Setting.forGoal(Goal.SETUP_SWITCH).contains(Setting.VDE_SOCKET));
        assertFalse(Setting.forGoal(Goal.INSTALL_GUEST).contains(Setting.KERNEL));
        assertFalse(Setting.forGoal(Goal.BUILD).contains(Setting.BASE_CONFIG));
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void choicesBelongToChoiceSettingsAndHoldTheirDefault(Setting setting) {
        if (setting.type() != ValueType.CHOICE) {
            assertEquals(List.of(), setting.choices(), setting.toString());
            return;
        }
        assertTrue(setting.choices().size() >= 2, setting + " offers no choice");
        if (setting.defaultValue() != null) {
            assertTrue(setting.choices().contains(setting.defaultValue()), setting + ": default not among the choices");
        }
    }

    @Test
    void flagTypeMeansFlag() {
        for (Setting setting : Setting.values()) {
            assertEquals(setting.type() == ValueType.FLAG, setting.isFlag(), setting.toString());
        }
    }

    private static List<String> table() {
        return List.of(Setting.markdownTable().split("\n"));
    }

    private static void assertNoDuplicates(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String name : names) {
            if (!seen.add(name)) {
                duplicates.add(name);
            }
        }
        assertEquals(List.of(), duplicates);
    }
}
