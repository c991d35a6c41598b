package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README's "Coming from kvm-boot" section maps every seed flag and every KVM_BOOT_* variable,
 * and the seed's minimal .bashrc works unchanged.
 */
class KvmBootMappingDocTest {

    private static final String BEGIN = "<!-- kvm-boot-mapping:begin";
    private static final String END = "<!-- kvm-boot-mapping:end -->";

    private static String mappingSection() throws IOException {
        String text = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, "README.md lacks the kvm-boot mapping markers");
        return text.substring(begin, end);
    }

    @Test
    void everyEnvironmentVariableOfTheSettingsIsInTheMapping() throws IOException {
        String section = mappingSection();
        List<String> missing = Stream.of(Setting.values()).map(Setting::envVar).filter(Objects::nonNull)
                .filter(env -> !section.contains("`" + env + "`")).toList();
        assertEquals(List.of(), missing, "add these to the README's \"Coming from kvm-boot\" section");
    }

    @Test
    void everySeedFlagIsMapped() throws IOException {
        String section = mappingSection();
        for (String flag : List.of("kvm-boot -k", "kvm-boot -l", "kvm-boot -t", "kvm-boot -n IMG", "kvm-boot -n none",
                "kvm-boot -b", "kvm-boot -d", "kvm-boot -m", "kvm-boot -c", "install-kvm-guest -i",
                "install-kvm-guest -n", "install-kvm-guest -l", "install-kvm-guest -d", "setup-kvm-switch")) {
            assertTrue(section.contains("`" + flag) || section.contains("/ `" + flag), "not mapped: " + flag);
        }
    }

    @Test
    void theSeedsMinimalBashrcWorksUnchanged() throws IOException {
        String section = mappingSection();
        Map<String, String> bashrc = Map.of("KVM_BOOT_NETDEV", "eth0",
                "KVM_BOOT_TARGET", "/opt/qemu/debian-x86_64.qcow2",
                "KVM_BOOT_NEXT_TARGET", "/opt/qemu/mcgrof-dev-20170605.img");
        bashrc.forEach((name, value) -> assertTrue(section.contains("export " + name + "=" + value), name));

        ResolvedSettings settings = new SettingsResolver(Map.of(), Map.of(), Map.of(), bashrc).resolve();
        assertEquals(List.of(), settings.unknownKeys(), "every variable of the .bashrc is a setting");
        assertEquals(new SettingValue(Setting.NETDEV, "eth0", Source.ENVIRONMENT, "KVM_BOOT_NETDEV"),
                settings.get(Setting.NETDEV));
        assertEquals(new SettingValue(Setting.TARGET, "/opt/qemu/debian-x86_64.qcow2", Source.ENVIRONMENT,
                "KVM_BOOT_TARGET"), settings.get(Setting.TARGET));
        assertEquals(new SettingValue(Setting.NEXT_TARGET, "/opt/qemu/mcgrof-dev-20170605.img", Source.ENVIRONMENT,
                "KVM_BOOT_NEXT_TARGET"), settings.get(Setting.NEXT_TARGET));
    }
}
