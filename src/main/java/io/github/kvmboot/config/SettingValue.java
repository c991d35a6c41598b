package io.github.kvmboot.config;

import java.util.Objects;

/**
 * The effective value of one setting and where it came from.
 *
 * @param setting the setting
 * @param value the value, {@code null} when unset
 * @param source where the value came from; {@link Source#DEFAULT} for defaults and unset values
 * @param key the exact name the value was found under: {@code <memory>} for the plugin
 *     configuration, {@code kvmboot.memory} for a -D or POM property, {@code KVM_BOOT_MEM} for
 *     the environment, {@code null} for the default
 */
public record SettingValue(Setting setting, String value, Source source, String key) {

    public SettingValue {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(source, "source");
    }

    static SettingValue ofDefault(Setting setting) {
        return new SettingValue(setting, setting.defaultValue(), Source.DEFAULT, null);
    }

    public boolean isSet() {
        return value != null;
    }

    /** Where the value came from, as text for messages: "-Dkvmboot.memory on the command line". */
    public String origin() {
        return switch (source) {
            case PLUGIN_CONFIGURATION -> key + " in the plugin configuration";
            case COMMAND_LINE -> "-D" + key + " on the command line";
            case POM_PROPERTY -> "<" + key + "> in the POM properties";
            case ENVIRONMENT -> "environment variable " + key;
            case DEFAULT -> isSet() ? "the default" : "not set";
        };
    }
}
