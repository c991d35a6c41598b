package io.github.kvmboot.config;

import java.util.stream.Collectors;

/** Renders the settings table as Markdown for the README. */
final class SettingsMarkdown {

    private SettingsMarkdown() {
    }

    static String table() {
        StringBuilder out = new StringBuilder();
        out.append("| property | env var | default | type | goals | description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Setting setting : Setting.values()) {
            out.append("| ").append(properties(setting))
                    .append(" | ").append(setting.envVar() == null ? "–" : code(setting.envVar()))
                    .append(" | ").append(defaultText(setting))
                    .append(" | ").append(typeText(setting))
                    .append(" | ").append(goalsText(setting))
                    .append(" | ").append(escape(setting.description()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String properties(Setting setting) {
        return setting.properties().stream().map(SettingsMarkdown::code).collect(Collectors.joining(", "));
    }

    private static String typeText(Setting setting) {
        if (setting.type() == ValueType.CHOICE) {
            return setting.choices().stream().map(SettingsMarkdown::code).collect(Collectors.joining(" / "));
        }
        return setting.type().label() + (setting.acceptsNone() ? " or `none`" : "");
    }

    private static String goalsText(Setting setting) {
        if (setting.isCommon()) {
            return "all";
        }
        // a goal reading another goal's settings (start reads boot's) is said once, above the table
        return setting.goals().stream().filter(g -> g.alsoReadsSettingsOf() == null || !setting.isReadBy(g.alsoReadsSettingsOf()))
                .map(Goal::goalName).collect(Collectors.joining(", "));
    }

    private static String defaultText(Setting setting) {
        if (setting.defaultValue() != null) {
            return code(setting.defaultValue());
        }
        if (setting.defaultDescription() != null) {
            return "computed: " + escape(setting.defaultDescription());
        }
        return "unset";
    }

    private static String code(String text) {
        return "`" + escape(text) + "`";
    }

    // A pipe ends a table cell even inside a code span (GitHub Flavored Markdown).
    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
