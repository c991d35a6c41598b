package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingValueTest {

    @Test
    void originNamesTheExactKeyAndSource() {
        assertEquals("<memory> in the plugin configuration",
                new SettingValue(Setting.MEMORY, "2G", Source.PLUGIN_CONFIGURATION, "<memory>").origin());
        assertEquals("-Dkvmboot.memory on the command line",
                new SettingValue(Setting.MEMORY, "2G", Source.COMMAND_LINE, "kvmboot.memory").origin());
        assertEquals("<kvmboot.memory> in the POM properties",
                new SettingValue(Setting.MEMORY, "2G", Source.POM_PROPERTY, "kvmboot.memory").origin());
        assertEquals("environment variable KVM_BOOT_MEM",
                new SettingValue(Setting.MEMORY, "2G", Source.ENVIRONMENT, "KVM_BOOT_MEM").origin());
        assertEquals("the default",
                new SettingValue(Setting.MEMORY, "1024", Source.DEFAULT, null).origin());
        assertEquals("not set",
                new SettingValue(Setting.CPUS, null, Source.DEFAULT, null).origin());
    }

    @Test
    void isSetMeansNonNull() {
        assertTrue(new SettingValue(Setting.SKIP, "", Source.COMMAND_LINE, "kvmboot.skip").isSet());
        assertFalse(new SettingValue(Setting.CPUS, null, Source.DEFAULT, null).isSet());
    }

    @Test
    void settingAndSourceAreRequired() {
        assertThrows(NullPointerException.class, () -> new SettingValue(null, "1", Source.DEFAULT, null));
        assertThrows(NullPointerException.class, () -> new SettingValue(Setting.CPUS, "1", null, null));
    }

    @Test
    void kernelShortPropertyOriginUsesTheNameTheUserTyped() {
        SettingValue value = new SettingsResolver(Map.of(), Map.of("kernel", "bzImage"),
                Map.of(), Map.of()).resolve().get(Setting.KERNEL);

        assertEquals("-Dkernel on the command line", value.origin());
    }
}
