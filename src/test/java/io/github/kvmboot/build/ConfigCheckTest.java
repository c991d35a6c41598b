package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    @Test
    void parsesValuesAndNotSetLines() {
        Map<String, String> values = ConfigFile.parse("# comment\nCONFIG_A=y\nCONFIG_B=m\nCONFIG_C=\"x y\"\n"
                + "CONFIG_D=0x10\n# CONFIG_E is not set\nNOT_CONFIG=y\n");
        assertEquals(Map.of("CONFIG_A", "y", "CONFIG_B", "m", "CONFIG_C", "\"x y\"", "CONFIG_D", "0x10",
                "CONFIG_E", "n"), values);
    }

    @Test
    void listsEveryRequestedValueThatDidNotSurviveInRequestOrder() {
        Map<String, Map<String, String>> fragments = new LinkedHashMap<>();
        fragments.put("qemu.config", ConfigFile.parse("CONFIG_PCI=y\nCONFIG_E1000=y\nCONFIG_HZ=250\n"));
        Map<String, String> result = ConfigFile.parse("CONFIG_PCI=y\n# CONFIG_E1000 is not set\nCONFIG_HZ=100\n");
        assertEquals(List.of(new UnsatisfiedOption("CONFIG_E1000", "y", "n", "qemu.config"),
                new UnsatisfiedOption("CONFIG_HZ", "250", "100", "qemu.config")),
                ConfigCheck.unsatisfied(fragments, result));
    }

    @Test
    void aLaterFragmentOverridesAnEarlierOne() {
        Map<String, Map<String, String>> fragments = new LinkedHashMap<>();
        fragments.put("qemu.config", ConfigFile.parse("CONFIG_PCI=y\n"));
        fragments.put("mine.config", ConfigFile.parse("# CONFIG_PCI is not set\nCONFIG_X=y\n"));
        assertEquals(List.of(new UnsatisfiedOption("CONFIG_X", "y", null, "mine.config")),
                ConfigCheck.unsatisfied(fragments, ConfigFile.parse("# CONFIG_PCI is not set\n")));
    }

    @Test
    void moduleRequestsAreMetByBuiltInAndNotSetRequestsAreBestEffort() {
        Map<String, Map<String, String>> fragments = Map.of("f", ConfigFile.parse("CONFIG_A=m\n# CONFIG_B is not set\n"));
        assertEquals(List.of(), ConfigCheck.unsatisfied(fragments, ConfigFile.parse("CONFIG_A=y\nCONFIG_B=y\n")));
        assertEquals(List.of(new UnsatisfiedOption("CONFIG_A", "m", null, "f")),
                ConfigCheck.unsatisfied(fragments, Map.of()));
    }
}
