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
            Setting.DRY_RUN, Setting.VERBOSE, Setting.SWITCH_ACTION, Setting.LIST_ISOS,
            Setting.KERNEL_TREE, Setting.BUILD_DIR, Setting.BASE_CONFIG, Setting.CONFIG_FRAGMENTS, Setting.JOBS,
            Setting.ARCH, Setting.CROSS_COMPILE, Setting.LLVM, Setting.BUILD_MODULES);

    private static final Set<Setting> KERNEL_CONFIG = EnumSet.of(Setting.KERNEL_TREE, Setting.BUILD_DIR,
            Setting.BASE_CONFIG, Setting.CONFIG_FRAGMENTS, Setting.JOBS, Setting.ARCH, Setting.CROSS_COMPILE,
            Setting.LLVM, Setting.SKIP, Setting.EXPLAIN, Setting.OUTPUT_DIRECTORY);

    private static final Set<Setting> BUILD = EnumSet.of(Setting.KERNEL_TREE, Setting.BUILD_DIR, Setting.JOBS,
            Setting.ARCH, Setting.CROSS_COMPILE, Setting.LLVM, Setting.BUILD_MODULES, Setting.SKIP, Setting.EXPLAIN,
            Setting.OUTPUT_DIRECTORY);

    /** What setup-switch reads, besides skip/explain/outputDirectory which every goal has. */
    private static final Set<Setting> SETUP_SWITCH = EnumSet.of(Setting.NETDEV, Setting.TAP_DEV,
            Setting.NETWORK_ADDRESS, Setting.NETMASK, Setting.GATEWAY, Setting.DHCP_RANGE,
            Setting.DNSMASQ_RUN_DIR, Setting.TFTP_ROOT, Setting.BOOTP, Setting.VDE_SOCKET,
            Setting.DRY_RUN, Setting.VERBOSE, Setting.SWITCH_ACTION);

    /** What install-guest reads (besides skip, explain and outputDirectory, which every goal has). */
    private static final Set<Setting> INSTALL = EnumSet.of(Setting.ISO, Setting.ISO_PATH, Setting.LIST_ISOS,
            Setting.TARGET, Setting.CREATE_TARGET, Setting.BACKING_IMAGE, Setting.NEXT_TARGET,
            Setting.CREATE_NEXT_TARGET, Setting.SNAPSHOT, Setting.GRAPHICS, Setting.MEMORY, Setting.CPUS,
            Setting.QEMU, Setting.QEMU_DEV, Setting.ACCEL, Setting.NETWORK, Setting.VDE_SOCKET, Setting.TIMEOUT,
            Setting.EXPECT, Setting.FAIL_ON, Setting.DEVICE_SET, Setting.SKIP, Setting.EXPLAIN,
            Setting.OUTPUT_DIRECTORY);

    @Test
    void bootMojoHasAConfigurationFieldForEveryBootSetting() {
        assertEquals(List.of(), missingFields(BootMojo.class, EnumSet.complementOf(EnumSet.copyOf(NOT_BOOT))));
    }

    @Test
    void installGuestMojoHasAConfigurationFieldForEveryInstallSetting() {
        assertEquals(List.of(), missingFields(InstallGuestMojo.class, INSTALL));
    }

    @Test
    void installGuestMojoHasNoFieldForSettingsItIgnores() {
        List<String> extra = new ArrayList<>();
        for (Setting setting : EnumSet.complementOf(EnumSet.copyOf(INSTALL))) {
            if (field(InstallGuestMojo.class, setting.parameterName()) != null) {
                extra.add(setting.toString());
            }
        }
        assertEquals(List.of(), extra, "install-guest would accept these in <configuration> and ignore them");
    }

    @Test
    void kernelConfigMojoHasAConfigurationFieldForEveryKernelConfigSetting() {
        assertEquals(List.of(), missingFields(KernelConfigMojo.class, KERNEL_CONFIG));
    }

    @Test
    void buildMojoHasAConfigurationFieldForEveryBuildSetting() {
        assertEquals(List.of(), missingFields(BuildMojo.class, BUILD));
    }

    private static List<String> missingFields(Class<?> mojo, Set<Setting> settings) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : settings) {
            Field field = field(mojo, setting.parameterName());
            if (field == null) {
                problems.add(setting + ": no field '" + setting.parameterName() + "'");
            } else if (field.getType() != String.class) {
                problems.add(setting + ": field is " + field.getType().getSimpleName() + ", not String");
            }
        }
        return problems;
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
