package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResolvedSettingsTest {

    enum Accel { AUTO, KVM, TCG }

    enum DeviceSet { FAST, SEED }

    private static ResolvedSettings commandLine(String property, String value) {
        return new SettingsResolver(Map.of(), Map.of(property, value), Map.of(), Map.of()).resolve();
    }

    private static ResolvedSettings defaults() {
        return new SettingsResolver(Map.of(), Map.of(), Map.of(), Map.of()).resolve();
    }

    // --- optional / required

    @Test
    void optionalIsEmptyWhenUnsetAndTheValueWhenSet() {
        assertEquals(Optional.empty(), defaults().optional(Setting.TARGET));
        assertEquals(Optional.of("disk.qcow2"), commandLine("kvmboot.target", "disk.qcow2").optional(Setting.TARGET));
    }

    @Test
    void optionalIsEmptyForABlankFlag() {
        assertEquals(Optional.empty(), commandLine("kvmboot.skip", "").optional(Setting.SKIP));
    }

    @Test
    void requiredReturnsTheValue() throws Exception {
        assertEquals("bzImage", commandLine("kernel", "bzImage").required(Setting.KERNEL, "set it"));
    }

    @Test
    void requiredWhenUnsetSaysWhereItLookedAndHowToFix() {
        SettingException e = assertThrows(SettingException.class,
                () -> defaults().required(Setting.KERNEL, "pass -Dkernel=path/to/bzImage"));

        assertEquals("kvmboot.kernel is not set (looked for <kernel> in the plugin configuration,"
                + " kvmboot.kernel or kernel as -D or POM property, environment variable KVM_BOOT_KERNEL):"
                + " a value is required. Fix: pass -Dkernel=path/to/bzImage.", e.getMessage());
        assertSame(Setting.KERNEL, e.setting());
        assertFalse(e.settingValue().isSet());
    }

    @Test
    void requiredWithAProblemOfItsOwn() {
        SettingException e = assertThrows(SettingException.class,
                () -> defaults().required(Setting.ISO, "the installer needs an ISO image", "give -Dkvmboot.iso=debian.iso"));

        assertTrue(e.getMessage().startsWith("kvmboot.iso is not set (looked for <iso> in the plugin configuration,"
                + " kvmboot.iso as -D or POM property, environment variable KVM_BOOT_ISO):"
                + " the installer needs an ISO image. Fix: give -Dkvmboot.iso=debian.iso."), e.getMessage());
    }

    // --- none

    @Test
    void noneSwitchesOffOnlySettingsThatAcceptIt() {
        assertTrue(commandLine("kvmboot.initrd", "none").isNone(Setting.INITRD));
        assertTrue(commandLine("kvmboot.nextTarget", "NONE").isNone(Setting.NEXT_TARGET));
        assertFalse(commandLine("kvmboot.network", "none").isNone(Setting.NETWORK));
        assertFalse(defaults().isNone(Setting.INITRD));
        assertFalse(commandLine("kvmboot.initrd", "initrd.img").isNone(Setting.INITRD));
    }

    // --- flag

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "on", "1", "", " true "})
    void flagTrue(String value) throws Exception {
        assertTrue(commandLine("kvmboot.skip", value).flag(Setting.SKIP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "False", "no", "NO", "off", "0"})
    void flagFalse(String value) throws Exception {
        assertFalse(commandLine("kvmboot.skip", value).flag(Setting.SKIP));
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void everyFlagDefaultIsAValidFlag(Setting setting) throws Exception {
        if (setting.isFlag()) {
            assertFalse(defaults().flag(setting));
        }
    }

    @Test
    void unsetFlagIsFalse() throws Exception {
        assertFalse(defaults().flag(Setting.SKIP));
    }

    @Test
    void flagOnANonFlagSettingWithoutValueIsFalse() throws Exception {
        assertFalse(defaults().flag(Setting.TARGET));
    }

    @Test
    void badFlag() {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.graphics", "maybe").flag(Setting.GRAPHICS));

        assertEquals("kvmboot.graphics = 'maybe' (from -Dkvmboot.graphics on the command line): not a yes/no value."
                + " Fix: use true or false (also yes/no, on/off, 1/0).", e.getMessage());
    }

    // --- positive int

    @ParameterizedTest
    @CsvSource({"1,1", "4,4", "' 16 ',16", "2147483647,2147483647"})
    void positiveInt(String value, int expected) throws Exception {
        assertEquals(expected, commandLine("kvmboot.cpus", value).positiveInt(Setting.CPUS));
        assertEquals(OptionalInt.of(expected), commandLine("kvmboot.cpus", value).optionalPositiveInt(Setting.CPUS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "+2", "2 cpus", "0x2"})
    void notAPositiveInt(String value) {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.cpus", value).positiveInt(Setting.CPUS));

        assertEquals("kvmboot.cpus = '" + value + "' (from -Dkvmboot.cpus on the command line):"
                + " not a positive whole number. Fix: give a whole number of 1 or more, e.g. 2.", e.getMessage());
        assertThrows(SettingException.class, () -> commandLine("kvmboot.cpus", value).optionalPositiveInt(Setting.CPUS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "99999999999999999999999"})
    void positiveIntTooLarge(String value) {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.cpus", value).positiveInt(Setting.CPUS));

        assertTrue(e.getMessage().contains("'" + value + "' (from -Dkvmboot.cpus on the command line): too large."),
                e.getMessage());
    }

    @Test
    void unsetPositiveInt() {
        assertEquals(OptionalInt.empty(), assertDoesNotThrow(() -> defaults().optionalPositiveInt(Setting.CPUS)));
        SettingException e = assertThrows(SettingException.class, () -> defaults().positiveInt(Setting.CPUS));
        assertTrue(e.getMessage().startsWith("kvmboot.cpus is not set (looked for <cpus>"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": a positive whole number is required."
                + " Fix: give a whole number of 1 or more, e.g. 2."), e.getMessage());
    }

    // --- memory

    @ParameterizedTest
    @CsvSource({"1024,1024", "512M,512", "512m,512", "2G,2048", "2g,2048", "1T,1048576", "' 64 ',64"})
    void memory(String value, long expectedMiB) throws Exception {
        assertEquals(expectedMiB, commandLine("kvmboot.memory", value).memoryMiB(Setting.MEMORY));
    }

    @Test
    void defaultMemoryIs1024MiB() throws Exception {
        assertEquals(1024, defaults().memoryMiB(Setting.MEMORY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "2X", "1.5G", "2GB", "G", "2 G"})
    void notAMemorySize(String value) {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.memory", value).memoryMiB(Setting.MEMORY));

        assertEquals("kvmboot.memory = '" + value + "' (from -Dkvmboot.memory on the command line):"
                + " not a memory size. Fix: give MiB (2048) or a size with suffix M, G or T (512M, 2G).", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0G"})
    void zeroMemory(String value) {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.memory", value).memoryMiB(Setting.MEMORY));

        assertTrue(e.getMessage().contains(": the memory size must be more than 0. Fix: give MiB"), e.getMessage());
    }

    @Test
    void memoryThatOverflows() {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.memory", "9223372036854775807T").memoryMiB(Setting.MEMORY));

        assertTrue(e.getMessage().contains("): too large. Fix:"), e.getMessage());
    }

    @Test
    void emptyStringIsNotAMemorySize() {
        // Resolution turns a blank memory into "unset" (see SettingsResolverTest), so ask the parser.
        assertThrows(ValueFormats.BadValue.class, () -> ValueFormats.memoryMiB(""));
    }

    // --- seconds

    @ParameterizedTest
    @CsvSource({"0,0", "120,120", "120s,120", "120S,120", "2m,120", "1h,3600", "' 30 ',30"})
    void seconds(String value, long expected) throws Exception {
        assertEquals(expected, commandLine("kvmboot.timeout", value).nonNegativeSeconds(Setting.TIMEOUT));
    }

    @Test
    void defaultTimeoutIsNone() throws Exception {
        assertEquals(0, defaults().nonNegativeSeconds(Setting.TIMEOUT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "2d", "m"})
    void notADuration(String value) {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.timeout", value).nonNegativeSeconds(Setting.TIMEOUT));

        assertEquals("kvmboot.timeout = '" + value + "' (from -Dkvmboot.timeout on the command line): not a duration."
                + " Fix: give seconds (120) or a whole number with suffix s, m or h (120s, 2m, 1h);"
                + " 0 means no limit.", e.getMessage());
    }

    // --- regex

    @Test
    void regex() throws Exception {
        Optional<Pattern> pattern = commandLine("kvmboot.expect", "login: ?$").regex(Setting.EXPECT);

        assertTrue(pattern.orElseThrow().matcher("debian login: ").find());
    }

    @Test
    void unsetRegexIsEmpty() throws Exception {
        assertEquals(Optional.empty(), defaults().regex(Setting.EXPECT));
    }

    @Test
    void defaultFailOnMatchesKernelFailures() throws Exception {
        Pattern failOn = defaults().regex(Setting.FAIL_ON).orElseThrow();

        assertTrue(failOn.matcher("[    1.23] Kernel panic - not syncing: VFS: Unable to mount root").find());
        assertTrue(failOn.matcher("BUG: unable to handle page fault").find());
        assertTrue(failOn.matcher("general protection fault, probably for non-canonical address").find());
        assertFalse(failOn.matcher("Run /init as init process").find());
    }

    @Test
    void failOnNoneDisablesTheDefault() throws Exception {
        assertEquals(Optional.empty(), commandLine("kvmboot.failOn", "none").regex(Setting.FAIL_ON));
    }

    @Test
    void noneIsAnOrdinaryRegexWhereItDisablesNothing() throws Exception {
        assertTrue(commandLine("kvmboot.expect", "none").regex(Setting.EXPECT).orElseThrow().matcher("none").matches());
    }

    @Test
    void invalidRegexQuotesTheSyntaxError() {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.expect", "login(").regex(Setting.EXPECT));

        assertEquals("kvmboot.expect = 'login(' (from -Dkvmboot.expect on the command line):"
                + " not a valid regular expression: Unclosed group near index 6."
                + " Fix: write a Java regular expression and escape special characters with a backslash (\\( \\[ \\|).",
                e.getMessage());
    }

    @Test
    void invalidFailOnMentionsNone() {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.failOn", "*Oops").regex(Setting.FAIL_ON));

        assertTrue(e.getMessage().startsWith("kvmboot.failOn = '*Oops' (from -Dkvmboot.failOn on the command line):"
                + " not a valid regular expression: Dangling meta character '*' near index 0."), e.getMessage());
        assertTrue(e.getMessage().endsWith(", or none to disable it."), e.getMessage());
    }

    // --- choice

    @ParameterizedTest
    @CsvSource({"kvm,KVM", "TCG,TCG", "Auto,AUTO", "' tcg ',TCG"})
    void choice(String value, Accel expected) throws Exception {
        assertEquals(expected, commandLine("kvmboot.accel", value).choice(Setting.ACCEL, Accel.class));
    }

    @Test
    void defaultChoices() throws Exception {
        assertEquals(Accel.AUTO, defaults().choice(Setting.ACCEL, Accel.class));
        assertEquals(DeviceSet.FAST, defaults().choice(Setting.DEVICE_SET, DeviceSet.class));
    }

    @Test
    void badChoiceListsTheAllowedValues() {
        SettingException e = assertThrows(SettingException.class,
                () -> commandLine("kvmboot.accel", "xen").choice(Setting.ACCEL, Accel.class));

        assertEquals("kvmboot.accel = 'xen' (from -Dkvmboot.accel on the command line): not one of auto, kvm, tcg."
                + " Fix: use one of auto, kvm, tcg.", e.getMessage());
    }

    @Test
    void unsetChoiceListsTheAllowedValues() {
        SettingException e = assertThrows(SettingException.class,
                () -> defaults().choice(Setting.TARGET, DeviceSet.class));

        assertTrue(e.getMessage().endsWith(": one of fast, seed is required. Fix: use one of fast, seed."), e.getMessage());
    }

    // --- invalid, for other layers

    @Test
    void invalidBuildsAMessageWithValueAndOrigin() {
        ResolvedSettings settings = new SettingsResolver(Map.of(), Map.of(),
                Map.of("kvmboot.target", "disk.qcow2"), Map.of()).resolve();

        SettingException e = settings.invalid(Setting.TARGET, "file not found", "create it with qemu-img create");

        assertEquals("kvmboot.target = 'disk.qcow2' (from <kvmboot.target> in the POM properties): file not found."
                + " Fix: create it with qemu-img create.", e.getMessage());
        assertEquals("file not found", e.problem());
        assertEquals("create it with qemu-img create", e.fix());
    }

    @Test
    void invalidValueFromTheDefaultSaysSo() {
        SettingException e = defaults().invalid(Setting.BOOT_DIR, "directory not found", "give -Dkvmboot.bootDir=dir");

        assertEquals("kvmboot.bootDir = '/boot' (from the default): directory not found."
                + " Fix: give -Dkvmboot.bootDir=dir.", e.getMessage());
    }

    @Test
    void messageStaysOnOneLine() {
        SettingException e = commandLine("kvmboot.append", "console=ttyS0\nquiet")
                .invalid(Setting.APPEND, "contains a line break", "put it on one line");

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains("'console=ttyS0\\nquiet'"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void getIsNeverNull(Setting setting) {
        assertEquals(setting, defaults().get(setting).setting());
    }
}
