package io.github.kvmboot.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Parsers for the typed accessors; each throws {@link BadValue} naming the problem. */
final class ValueFormats {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)([mgt]?)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smh]?)", Pattern.CASE_INSENSITIVE);

    /** The problem with a value; the caller adds setting, value, origin and fix. */
    static final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;

        BadValue(String problem) {
            super(problem, null, false, false);
        }
    }

    private ValueFormats() {
    }

    static boolean flag(String value) throws BadValue {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new BadValue("not a yes/no value");
        };
    }

    static int positiveInt(String value) throws BadValue {
        String text = value.trim();
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new BadValue("not a positive whole number");
        }
        long number = wholeNumber(text);
        if (number == 0) {
            throw new BadValue("not a positive whole number");
        }
        if (number > Integer.MAX_VALUE) {
            throw new BadValue("too large");
        }
        return (int) number;
    }

    /** MiB, or a whole number with suffix M, G or T (binary units, as QEMU's -m reads them). */
    static long memoryMiB(String value) throws BadValue {
        Matcher matcher = MEMORY.matcher(value.trim());
        if (!matcher.matches()) {
            throw new BadValue("not a memory size");
        }
        long amount = wholeNumber(matcher.group(1));
        if (amount == 0) {
            throw new BadValue("the memory size must be more than 0");
        }
        long mibPerUnit = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "G" -> 1024L;
            case "T" -> 1024L * 1024;
            default -> 1L;
        };
        return multiply(amount, mibPerUnit);
    }

    /** Seconds, or a whole number with suffix s, m or h. */
    static long nonNegativeSeconds(String value) throws BadValue {
        Matcher matcher = DURATION.matcher(value.trim());
        if (!matcher.matches()) {
            throw new BadValue("not a duration");
        }
        long secondsPerUnit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> 60L;
            case "h" -> 3600L;
            default -> 1L;
        };
        return multiply(wholeNumber(matcher.group(1)), secondsPerUnit);
    }

    static Pattern regex(String value) throws BadValue {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            String where = e.getIndex() >= 0 ? " near index " + e.getIndex() : "";
            throw new BadValue("not a valid regular expression: " + e.getDescription() + where);
        }
    }

    static <E extends Enum<E>> E choice(String value, Class<E> type) throws BadValue {
        String text = value.trim();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new BadValue("not one of " + choices(type));
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        StringBuilder text = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            text.append(text.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        return text.toString();
    }

    private static long wholeNumber(String digits) throws BadValue {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new BadValue("too large");
        }
    }

    private static long multiply(long amount, long unit) throws BadValue {
        try {
            return Math.multiplyExact(amount, unit);
        } catch (ArithmeticException e) {
            throw new BadValue("too large");
        }
    }
}
