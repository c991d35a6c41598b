package io.github.kvmboot.config;

import java.util.ArrayList;
import java.util.List;

/** Formats settings as fixed-width lines: property, effective value, origin. */
final class ExplainTable {

    // Longer values (a kernel command line) overflow the column rather than being cut.
    private static final int MAX_VALUE_WIDTH = 40;

    private ExplainTable() {
    }

    static List<String> lines(List<SettingValue> values) {
        int propertyWidth = "property".length();
        int valueWidth = "value".length();
        for (SettingValue value : values) {
            propertyWidth = Math.max(propertyWidth, value.setting().canonicalProperty().length());
            valueWidth = Math.max(valueWidth, Math.min(MAX_VALUE_WIDTH, shown(value).length()));
        }
        String format = "%-" + propertyWidth + "s  %-" + valueWidth + "s  %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(format, "property", "value", "origin").stripTrailing());
        for (SettingValue value : values) {
            lines.add(String.format(format, value.setting().canonicalProperty(), shown(value), origin(value))
                    .stripTrailing());
        }
        return lines;
    }

    private static String shown(SettingValue value) {
        if (!value.isSet()) {
            return "(unset)";
        }
        if (value.value().isBlank()) {
            return value.setting().isFlag() ? "(empty = true)" : "(empty)";
        }
        return SettingException.oneLine(value.value());
    }

    private static String origin(SettingValue value) {
        String computed = value.setting().defaultDescription();
        if (!value.isSet() && computed != null) {
            return "computed: " + computed;
        }
        return value.origin();
    }
}
