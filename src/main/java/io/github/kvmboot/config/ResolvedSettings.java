package io.github.kvmboot.config;

import io.github.kvmboot.config.ValueFormats.BadValue;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The effective value of every setting with its origin, and typed accessors whose errors name
 * the setting, the value, its origin and a fix. Made by {@link SettingsResolver#resolve()}.
 */
public final class ResolvedSettings {

    private static final String NONE = "none";
    private static final String POSITIVE_INT_FIX = "give a whole number of 1 or more, e.g. 2";
    private static final String MEMORY_FIX = "give MiB (2048) or a size with suffix M, G or T (512M, 2G)";
    private static final String SECONDS_FIX =
            "give seconds (120) or a whole number with suffix s, m or h (120s, 2m, 1h); 0 means no limit";

    private final Map<Setting, SettingValue> values;
    private final List<String> unknownKeys;

    ResolvedSettings(Map<Setting, SettingValue> values, List<String> unknownKeys) {
        this.values = Map.copyOf(values);
        this.unknownKeys = List.copyOf(unknownKeys);
    }

    /**
     * These settings with {@code value} for {@code s}, derived by a goal from what the user gave
     * (e.g. start's per-guest output directory): errors still name the user's source.
     */
    public ResolvedSettings withDerivedValue(Setting s, String value) {
        Map<Setting, SettingValue> changed = new java.util.HashMap<>(values);
        SettingValue given = get(s);
        changed.put(s, new SettingValue(s, value, given.source(), given.key()));
        return new ResolvedSettings(changed, unknownKeys);
    }

    /** The value and its origin; never null (an unset value has {@link Source#DEFAULT} and a null value). */
    public SettingValue get(Setting s) {
        return values.get(s);
    }

    /** The value as given, empty when unset or blank. For settings that accept {@code none}, see {@link #isNone}. */
    public Optional<String> optional(Setting s) {
        String value = get(s).value();
        return SettingsResolver.isBlank(value) ? Optional.empty() : Optional.of(value);
    }

    /** The value as given; unset is a {@link SettingException} whose fix is {@code fix}. */
    public String required(Setting s, String fix) throws SettingException {
        return required(s, "a value is required", fix);
    }

    /** Like {@link #required(Setting, String)} with a specific problem, e.g. "a kernel image is needed". */
    public String required(Setting s, String problem, String fix) throws SettingException {
        return optional(s).orElseThrow(() -> invalid(s, problem, fix));
    }

    /** True when the setting accepts {@code none} and is set to it (any case): the feature is off. */
    public boolean isNone(Setting s) {
        return s.acceptsNone() && optional(s).map(v -> v.trim().equalsIgnoreCase(NONE)).orElse(false);
    }

    /** true/false, yes/no, on/off, 1/0 in any case; blank is true; unset is false. */
    public boolean flag(Setting s) throws SettingException {
        SettingValue value = get(s);
        if (!value.isSet()) {
            return false;
        }
        try {
            return ValueFormats.flag(value.value());
        } catch (BadValue e) {
            throw invalid(s, e.getMessage(), "use true or false (also yes/no, on/off, 1/0)");
        }
    }

    /** A whole number of 1 or more; unset is an error. */
    public int positiveInt(Setting s) throws SettingException {
        OptionalInt number = optionalPositiveInt(s);
        if (number.isEmpty()) {
            throw invalid(s, "a positive whole number is required", POSITIVE_INT_FIX);
        }
        return number.getAsInt();
    }

    public OptionalInt optionalPositiveInt(Setting s) throws SettingException {
        Optional<String> value = optional(s);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(ValueFormats.positiveInt(value.get()));
        } catch (BadValue e) {
            throw invalid(s, e.getMessage(), POSITIVE_INT_FIX);
        }
    }

    /** A memory size in MiB: {@code 1024}, {@code 512M}, {@code 2G}, {@code 1T} (any case). */
    public long memoryMiB(Setting s) throws SettingException {
        String value = required(s, "a memory size is required", MEMORY_FIX);
        try {
            return ValueFormats.memoryMiB(value);
        } catch (BadValue e) {
            throw invalid(s, e.getMessage(), MEMORY_FIX);
        }
    }

    /** A duration in seconds, 0 for none: {@code 120}, {@code 120s}, {@code 2m}, {@code 1h}. */
    public long nonNegativeSeconds(Setting s) throws SettingException {
        String value = required(s, "a duration is required", SECONDS_FIX);
        try {
            return ValueFormats.nonNegativeSeconds(value);
        } catch (BadValue e) {
            throw invalid(s, e.getMessage(), SECONDS_FIX);
        }
    }

    /** The compiled regular expression; empty when unset, or when set to {@code none} where that disables it. */
    public Optional<Pattern> regex(Setting s) throws SettingException {
        Optional<String> value = optional(s);
        if (value.isEmpty() || isNone(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ValueFormats.regex(value.get()));
        } catch (BadValue e) {
            String fix = "write a Java regular expression and escape special characters with a backslash (\\( \\[ \\|)";
            throw invalid(s, e.getMessage(), s.acceptsNone() ? fix + ", or none to disable it" : fix);
        }
    }

    /** The enum constant whose name matches the value, ignoring case; unset is an error. */
    public <E extends Enum<E>> E choice(Setting s, Class<E> type) throws SettingException {
        String allowed = ValueFormats.choices(type);
        String value = required(s, "one of " + allowed + " is required", "use one of " + allowed);
        try {
            return ValueFormats.choice(value, type);
        } catch (BadValue e) {
            throw invalid(s, e.getMessage(), "use one of " + allowed);
        }
    }

    /** An error about this setting's current value, for checks made elsewhere (e.g. "file not found"). */
    public SettingException invalid(Setting s, String problem, String fix) {
        return new SettingException(get(s), problem, fix);
    }

    /** -Dkvmboot.* properties and KVM_BOOT* environment variables that are no setting, with a guess. */
    public List<String> unknownKeys() {
        return unknownKeys;
    }

    /** Every setting with its effective value and origin, as a fixed-width table. */
    public String explain() {
        return String.join(System.lineSeparator(), explainLines());
    }

    public List<String> explainLines() {
        return explainLines(List.of(Setting.values()));
    }

    /** Like {@link #explainLines()} limited to the settings a goal uses. */
    public List<String> explainLines(Collection<Setting> settings) {
        return ExplainTable.lines(settings.stream().map(this::get).toList());
    }

    @Override
    public String toString() {
        return "ResolvedSettings" + Arrays.stream(Setting.values()).map(this::get)
                .filter(SettingValue::isSet)
                .map(v -> v.setting().canonicalProperty() + "=" + v.value())
                .toList();
    }
}
