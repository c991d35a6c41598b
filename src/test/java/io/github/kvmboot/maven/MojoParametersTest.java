package io.github.kvmboot.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.config.Setting;

/**
 * Every boot setting can be given in the plugin {@code <configuration>}: the mojo has a String
 * field named like the setting. (@Parameter has class retention, so the generated plugin.xml is
 * what shows the fields carry no {@code property}.)
 */
class MojoParametersTest {

    private static final Set<Setting> NOT_BOOT = EnumSet.of(Setting.NETDEV, Setting.TAP_DEV,
            Setting.NETWORK_ADDRESS, Setting.NETMASK, Setting.GATEWAY, Setting.DHCP_RANGE,
            Setting.DNSMASQ_RUN_DIR, Setting.TFTP_ROOT, Setting.BOOTP, Setting.ISO, Setting.ISO_PATH,
            Setting.DRY_RUN, Setting.VERBOSE, Setting.SWITCH_ACTION);

    /** What setup-switch reads, besides skip/explain/outputDirectory which every goal has. */
    private static final Set<Setting> SETUP_SWITCH = EnumSet.of(Setting.NETDEV, Setting.TAP_DEV,
            Setting.NETWORK_ADDRESS, Setting.NETMASK, Setting.GATEWAY, Setting.DHCP_RANGE,
            Setting.DNSMASQ_RUN_DIR, Setting.TFTP_ROOT, Setting.BOOTP, Setting.VDE_SOCKET,
            Setting.DRY_RUN, Setting.VERBOSE, Setting.SWITCH_ACTION);

    @Test
    void bootMojoHasAConfigurationFieldForEveryBootSetting() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : EnumSet.complementOf(EnumSet.copyOf(NOT_BOOT))) {
            Field field = field(BootMojo.class, setting.parameterName());
            if (field == null) {
                problems.add(setting + ": no field '" + setting.parameterName() + "'");
            } else if (field.getType() != String.class) {
                problems.add(setting + ": field is " + field.getType().getSimpleName() + ", not String");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void setupSwitchMojoHasAConfigurationFieldForEverySwitchSetting() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : SETUP_SWITCH) {
            Field field = field(SetupSwitchMojo.class, setting.parameterName());
            if (field == null) {
                problems.add(setting + ": no field '" + setting.parameterName() + "'");
            } else if (field.getType() != String.class) {
                problems.add(setting + ": field is " + field.getType().getSimpleName() + ", not String");
            }
        }
        assertEquals(List.of(), problems);
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // superclass
            }
        }
        return null;
    }
}
