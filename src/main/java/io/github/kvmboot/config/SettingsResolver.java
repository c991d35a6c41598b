package io.github.kvmboot.config;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves every {@link Setting} from its sources, highest precedence first: plugin
 * {@code <configuration>}, -D on the command line, POM {@code <properties>}, {@code KVM_BOOT_*}
 * environment variable, default. All sources are injected; nothing here reads the real
 * environment or system properties.
 */
public final class SettingsResolver {

    private final Map<String, String> pluginConfiguration;
    private final Map<String, String> commandLine;
    private final Map<String, String> pomProperties;
    private final Map<String, String> environment;

    /**
     * @param pluginConfiguration parameter name to value, only the parameters set in {@code <configuration>}
     * @param commandLine Maven user properties (-D)
     * @param pomProperties the project's {@code <properties>}
     * @param environment the process environment (tests inject their own)
     */
    public SettingsResolver(Map<String, String> pluginConfiguration, Map<String, String> commandLine,
                            Map<String, String> pomProperties, Map<String, String> environment) {
        this.pluginConfiguration = copy(pluginConfiguration);
        this.commandLine = copy(commandLine);
        this.pomProperties = copy(pomProperties);
        this.environment = copy(environment);
    }

    /** Converts {@link Properties} (as Maven hands out user and project properties) to a map. */
    public static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        if (properties != null) {
            for (String name : properties.stringPropertyNames()) {
                map.put(name, properties.getProperty(name));
            }
        }
        return map;
    }

    public ResolvedSettings resolve() {
        Map<Setting, SettingValue> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            values.put(setting, resolve(setting));
        }
        return new ResolvedSettings(values, UnknownKeys.find(commandLine, environment));
    }

    private SettingValue resolve(Setting setting) {
        String parameter = setting.parameterName();
        if (counts(setting, pluginConfiguration.get(parameter))) {
            return new SettingValue(setting, pluginConfiguration.get(parameter), Source.PLUGIN_CONFIGURATION,
                    "<" + parameter + ">");
        }
        for (String property : setting.properties()) {
            if (counts(setting, commandLine.get(property))) {
                return new SettingValue(setting, commandLine.get(property), Source.COMMAND_LINE, property);
            }
        }
        for (String property : setting.properties()) {
            if (counts(setting, pomProperties.get(property))) {
                return new SettingValue(setting, pomProperties.get(property), Source.POM_PROPERTY, property);
            }
        }
        String envVar = setting.envVar();
        // A blank environment variable means unset, as in the shell scripts kvmboot replaces.
        if (envVar != null && !isBlank(environment.get(envVar))) {
            return new SettingValue(setting, environment.get(envVar), Source.ENVIRONMENT, envVar);
        }
        return SettingValue.ofDefault(setting);
    }

    /**
     * A blank value is how a flag is switched on ({@code <skip/>}, {@code -Dkvmboot.skip=}). For
     * any other setting a blank value is a leftover such as {@code <kvmboot.memory></kvmboot.memory>}
     * or {@code -Dkvmboot.memory=$UNSET_VAR}; it falls through to the next source so that it never
     * erases a default. To switch a feature off, settings that allow it take {@code none}.
     */
    private static boolean counts(Setting setting, String value) {
        return value != null && (setting.isFlag() || !isBlank(value));
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static Map<String, String> copy(Map<String, String> source) {
        Map<String, String> copy = new HashMap<>();
        if (source != null) {
            source.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key, value);
                }
            });
        }
        return copy;
    }
}
