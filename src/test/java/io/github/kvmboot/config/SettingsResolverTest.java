package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsResolverTest {

    /** The key MEMORY is found under at each level, and a value unique to that level. */
    private static final Map<Source, String> MEMORY_KEY = Map.of(
            Source.PLUGIN_CONFIGURATION, "memory",
            Source.COMMAND_LINE, "kvmboot.memory",
            Source.POM_PROPERTY, "kvmboot.memory",
            Source.ENVIRONMENT, "KVM_BOOT_MEM");

    static List<Arguments> higherAndLowerLevels() {
        List<Arguments> pairs = new ArrayList<>();
        Source[] levels = Source.values();
        for (int high = 0; high < levels.length; high++) {
            for (int low = high + 1; low < levels.length; low++) {
                pairs.add(Arguments.of(levels[high], levels[low]));
            }
        }
        return pairs;
    }

    @ParameterizedTest(name = "{0} beats {1}")
    @MethodSource("higherAndLowerLevels")
    void higherLevelWins(Source higher, Source lower) {
        Levels levels = new Levels();
        levels.set(higher, MEMORY_KEY.get(higher), "2000");
        if (lower != Source.DEFAULT) {
            levels.set(lower, MEMORY_KEY.get(lower), "3000");
        }

        SettingValue value = levels.resolve().get(Setting.MEMORY);

        assertEquals("2000", value.value());
        assertEquals(higher, value.source());
        assertEquals(higher == Source.PLUGIN_CONFIGURATION ? "<memory>" : MEMORY_KEY.get(higher), value.key());
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void withNoSourcesEverySettingHasItsDefault(Setting setting) {
        SettingValue value = new Levels().resolve().get(setting);

        assertEquals(setting.defaultValue(), value.value());
        assertEquals(Source.DEFAULT, value.source());
        assertNull(value.key());
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everySettingIsFoundUnderItsParameterNamePropertyAndEnvVar(Setting setting) {
        assertEquals(Source.PLUGIN_CONFIGURATION,
                new Levels().set(Source.PLUGIN_CONFIGURATION, setting.parameterName(), "1").resolve().get(setting).source());
        assertEquals(Source.COMMAND_LINE,
                new Levels().set(Source.COMMAND_LINE, setting.canonicalProperty(), "1").resolve().get(setting).source());
        assertEquals(Source.POM_PROPERTY,
                new Levels().set(Source.POM_PROPERTY, setting.canonicalProperty(), "1").resolve().get(setting).source());
        if (setting.envVar() != null) {
            assertEquals(Source.ENVIRONMENT,
                    new Levels().set(Source.ENVIRONMENT, setting.envVar(), "1").resolve().get(setting).source());
        }
    }

    @Test
    void kernelIsReadFromBothPropertyNames() {
        for (Source level : List.of(Source.COMMAND_LINE, Source.POM_PROPERTY)) {
            SettingValue shortName = new Levels().set(level, "kernel", "short/bzImage").resolve().get(Setting.KERNEL);
            SettingValue longName = new Levels().set(level, "kvmboot.kernel", "long/bzImage").resolve().get(Setting.KERNEL);

            assertEquals("short/bzImage", shortName.value());
            assertEquals("kernel", shortName.key());
            assertEquals(level, shortName.source());
            assertEquals("long/bzImage", longName.value());
            assertEquals("kvmboot.kernel", longName.key());
        }
    }

    @Test
    void canonicalKernelPropertyWinsOverTheShortOneAtTheSameLevel() {
        SettingValue value = new Levels()
                .set(Source.COMMAND_LINE, "kernel", "short/bzImage")
                .set(Source.COMMAND_LINE, "kvmboot.kernel", "long/bzImage")
                .resolve().get(Setting.KERNEL);

        assertEquals("long/bzImage", value.value());
    }

    @Test
    void shortKernelPropertyOnTheCommandLineBeatsTheCanonicalOneInThePom() {
        SettingValue value = new Levels()
                .set(Source.COMMAND_LINE, "kernel", "cli/bzImage")
                .set(Source.POM_PROPERTY, "kvmboot.kernel", "pom/bzImage")
                .resolve().get(Setting.KERNEL);

        assertEquals("cli/bzImage", value.value());
        assertEquals(Source.COMMAND_LINE, value.source());
    }

    @Test
    void environmentAloneConfiguresAWholeBoot() throws Exception {
        Map<String, String> environment = Map.of(
                "KVM_BOOT_KERNEL", "/boot/vmlinuz-6.1.0",
                "KVM_BOOT_INITRD", "none",
                "KVM_BOOT_MEM", "2G",
                "KVM_BOOT_CPUS", "2",
                "KVM_BOOT_ACCEL", "tcg",
                "KVM_BOOT_TIMEOUT", "2m",
                "KVM_BOOT_ENABLE_GRAPHICS", "yes",
                "KVM_BOOT_KERNEL_APPEND", "console=ttyS0 quiet",
                "KVM_BOOT", "qemu-system-x86_64 -m 512");

        ResolvedSettings settings = new SettingsResolver(Map.of(), Map.of(), Map.of(), environment).resolve();

        assertEquals("/boot/vmlinuz-6.1.0", settings.required(Setting.KERNEL, "set it"));
        assertTrue(settings.isNone(Setting.INITRD));
        assertEquals(2048, settings.memoryMiB(Setting.MEMORY));
        assertEquals(2, settings.positiveInt(Setting.CPUS));
        assertEquals(120, settings.nonNegativeSeconds(Setting.TIMEOUT));
        assertTrue(settings.flag(Setting.GRAPHICS));
        assertEquals("console=ttyS0 quiet", settings.optional(Setting.APPEND).orElseThrow());
        assertEquals("qemu-system-x86_64 -m 512", settings.optional(Setting.COMMAND).orElseThrow());
        assertEquals("environment variable KVM_BOOT_MEM", settings.get(Setting.MEMORY).origin());
    }

    @Test
    void blankValueOfANonFlagFallsThroughToTheNextLevel() {
        SettingValue value = new Levels()
                .set(Source.PLUGIN_CONFIGURATION, "memory", "")
                .set(Source.COMMAND_LINE, "kvmboot.memory", " ")
                .set(Source.POM_PROPERTY, "kvmboot.memory", "")
                .set(Source.ENVIRONMENT, "KVM_BOOT_MEM", "512")
                .resolve().get(Setting.MEMORY);

        assertEquals("512", value.value());
        assertEquals(Source.ENVIRONMENT, value.source());
    }

    @Test
    void blankValueNeverErasesADefault() {
        SettingValue value = new Levels().set(Source.COMMAND_LINE, "kvmboot.failOn", "").resolve().get(Setting.FAIL_ON);

        assertEquals(Setting.FAIL_ON.defaultValue(), value.value());
        assertEquals(Source.DEFAULT, value.source());
    }

    @Test
    void blankFlagCountsAsSetAndWins() throws Exception {
        Levels levels = new Levels()
                .set(Source.COMMAND_LINE, "kvmboot.skip", "")
                .set(Source.POM_PROPERTY, "kvmboot.skip", "false");

        ResolvedSettings settings = levels.resolve();

        assertEquals(Source.COMMAND_LINE, settings.get(Setting.SKIP).source());
        assertTrue(settings.flag(Setting.SKIP));
    }

    @Test
    void blankEnvironmentVariableIsUnset() throws Exception {
        ResolvedSettings settings = new Levels()
                .set(Source.ENVIRONMENT, "KVM_BOOT_ENABLE_GRAPHICS", "")
                .set(Source.ENVIRONMENT, "KVM_BOOT_KERNEL", "  ")
                .resolve();

        assertEquals(Source.DEFAULT, settings.get(Setting.GRAPHICS).source());
        assertFalse(settings.flag(Setting.GRAPHICS));
        assertFalse(settings.get(Setting.KERNEL).isSet());
    }

    @Test
    void propertiesOfOtherSettingsAndOtherPluginsAreIgnored() {
        SettingValue value = new Levels()
                .set(Source.COMMAND_LINE, "memory", "4096")
                .set(Source.POM_PROPERTY, "kvmboot.mem", "4096")
                .set(Source.ENVIRONMENT, "KVM_BOOT_MEMORY", "4096")
                .resolve().get(Setting.MEMORY);

        assertEquals(Source.DEFAULT, value.source());
    }

    @Test
    void resolvedValuesDoNotChangeWhenTheCallerChangesItsMaps() {
        Map<String, String> commandLine = new HashMap<>(Map.of("kvmboot.cpus", "2"));
        SettingsResolver resolver = new SettingsResolver(Map.of(), commandLine, Map.of(), Map.of());
        commandLine.put("kvmboot.cpus", "3");

        assertEquals("2", resolver.resolve().get(Setting.CPUS).value());
    }

    @Test
    void nullMapsAndNullValuesCountAsEmpty() {
        Map<String, String> withNull = new HashMap<>();
        withNull.put("kvmboot.cpus", null);

        ResolvedSettings settings = new SettingsResolver(null, withNull, null, null).resolve();

        assertFalse(settings.get(Setting.CPUS).isSet());
    }

    @Test
    void asMapCopiesProperties() {
        Properties properties = new Properties();
        properties.setProperty("kvmboot.memory", "2G");

        assertEquals(Map.of("kvmboot.memory", "2G"), SettingsResolver.asMap(properties));
        assertEquals(Map.of(), SettingsResolver.asMap(null));
    }

    @Test
    void unknownKvmbootKeysAreReportedWithASuggestion() {
        ResolvedSettings settings = new Levels()
                .set(Source.COMMAND_LINE, "kvmboot.memroy", "2G")
                .set(Source.COMMAND_LINE, "kvmboot.memory", "2G")
                .set(Source.COMMAND_LINE, "maven.test.skip", "true")
                .set(Source.ENVIRONMENT, "KVM_BOOT_MEMORY", "2G")
                .set(Source.ENVIRONMENT, "KVM_BOOT_ZZZZZZZZZZZZZZZZ", "1")
                .set(Source.ENVIRONMENT, "KVM_BOOT", "qemu-system-x86_64")
                .set(Source.ENVIRONMENT, "PATH", "/usr/bin")
                .resolve();

        assertEquals(List.of(
                "-Dkvmboot.memroy is not a kvmboot setting; did you mean kvmboot.memory?",
                "environment variable KVM_BOOT_MEMORY is not a kvmboot setting; did you mean KVM_BOOT_MEM?",
                "environment variable KVM_BOOT_ZZZZZZZZZZZZZZZZ is not a kvmboot setting"),
                settings.unknownKeys());
    }

    /** The four input maps, filled per level. */
    private static final class Levels {
        private final Map<Source, Map<String, String>> maps = new EnumMap<>(Source.class);

        Levels() {
            for (Source source : Source.values()) {
                maps.put(source, new HashMap<>());
            }
        }

        Levels set(Source level, String key, String value) {
            maps.get(level).put(key, value);
            return this;
        }

        ResolvedSettings resolve() {
            return new SettingsResolver(maps.get(Source.PLUGIN_CONFIGURATION), maps.get(Source.COMMAND_LINE),
                    maps.get(Source.POM_PROPERTY), maps.get(Source.ENVIRONMENT)).resolve();
        }
    }
}
