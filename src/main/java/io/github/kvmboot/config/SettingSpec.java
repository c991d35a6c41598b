package io.github.kvmboot.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One row of the settings table while it is written: {@code of(SIZE, "memory").env("KVM_BOOT_MEM")
 * .byDefault("1024").goals(BOOT, INSTALL_GUEST).doc("...")}. Only {@link Setting}'s constants use it.
 */
final class SettingSpec {

    final ValueType type;
    final String parameterName;
    final List<String> choices;
    final List<String> aliases = new ArrayList<>();
    final Set<Goal> goals = EnumSet.noneOf(Goal.class);
    boolean everyGoal;
    boolean noneDisables;
    String envVar;
    String defaultValue;
    String defaultDescription;
    String description;

    private SettingSpec(ValueType type, String parameterName, List<String> choices) {
        this.type = type;
        this.parameterName = parameterName;
        this.choices = choices;
    }

    static SettingSpec of(ValueType type, String parameterName) {
        if (type == ValueType.CHOICE) {
            throw new IllegalArgumentException(parameterName + ": a choice needs its values, use choice(...)");
        }
        return new SettingSpec(type, parameterName, List.of());
    }

    /** A {@link ValueType#CHOICE} among {@code values} (matched ignoring case). */
    static SettingSpec choice(String parameterName, String... values) {
        return new SettingSpec(ValueType.CHOICE, parameterName, List.of(values));
    }

    SettingSpec env(String name) {
        this.envVar = name;
        return this;
    }

    /** Further -D / POM property names besides {@code kvmboot.<parameterName>}. */
    SettingSpec alias(String property) {
        aliases.add(property);
        return this;
    }

    SettingSpec byDefault(String value) {
        this.defaultValue = value;
        return this;
    }

    /** The default is computed by the goal; this text describes it. */
    SettingSpec computed(String text) {
        this.defaultDescription = text;
        return this;
    }

    /** The value {@code none} switches the feature off, even when there is a default. */
    SettingSpec noneDisables() {
        this.noneDisables = true;
        return this;
    }

    SettingSpec goals(Goal first, Goal... more) {
        goals.add(first);
        goals.addAll(List.of(more));
        return this;
    }

    /** Read by every goal, also by goals added later (skip, explain, outputDirectory). */
    SettingSpec everyGoal() {
        this.everyGoal = true;
        return this;
    }

    SettingSpec doc(String text) {
        this.description = text;
        return this;
    }
}
