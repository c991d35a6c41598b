package io.github.kvmboot.ktap;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One console line classified for KTAP: its kind, indentation and fields. */
record KtapLine(Kind kind, int indent, String text, boolean ok, int number, String name, String directive,
        int plan) {

    enum Kind { VERSION, SUBTEST, PLAN, RESULT, DIAGNOSTIC, OTHER }

    /** printk's {@code [    1.234567] } and, with CONFIG_PRINTK_CALLER, {@code [    T1] }. */
    private static final Pattern PRINTK_PREFIX = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\](?:\\[\\s*[TC]\\d+\\])? ?");
    private static final Pattern VERSION = Pattern.compile("(?:KTAP|TAP) version \\d+");
    private static final Pattern SUBTEST = Pattern.compile("# Subtest: (.*)");
    // "1..0 # SKIP reason" is a valid (empty) plan
    private static final Pattern PLAN = Pattern.compile("1\\.\\.(\\d+)(?:\\s+#.*)?");
    private static final Pattern RESULT = Pattern.compile("(ok|not ok) (\\d+)(?: -)?(?: (.*))?");
    private static final Pattern DIRECTIVE = Pattern.compile("(.*?)\\s*(?<!\\\\)#\\s*((?:SKIP|TODO)\\b.*)",
            Pattern.CASE_INSENSITIVE);
    private static final int TAB_WIDTH = 4;

    /** The console line without the printk timestamp (and a CR or trailing blanks). */
    static String stripPrintkPrefix(String consoleLine) {
        return PRINTK_PREFIX.matcher(consoleLine).replaceFirst("").stripTrailing();
    }

    /** Classifies a line whose printk prefix is already removed. */
    static KtapLine parse(String line) {
        int indent = 0;
        int i = 0;
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                indent++;
            } else if (c == '\t') {
                indent += TAB_WIDTH;
            } else {
                break;
            }
        }
        String text = line.substring(i);
        if (VERSION.matcher(text).matches()) {
            return simple(Kind.VERSION, indent, text);
        }
        Matcher m = SUBTEST.matcher(text);
        if (m.matches()) {
            return new KtapLine(Kind.SUBTEST, indent, text, false, 0, m.group(1).strip(), "", -1);
        }
        m = PLAN.matcher(text);
        if (m.matches()) {
            int plan;
            try {
                plan = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                return simple(Kind.OTHER, indent, text);
            }
            return new KtapLine(Kind.PLAN, indent, text, false, 0, "", "", plan);
        }
        m = RESULT.matcher(text);
        if (m.matches()) {
            return result(indent, text, m);
        }
        if (text.startsWith("#")) {
            return simple(Kind.DIAGNOSTIC, indent, text);
        }
        return simple(Kind.OTHER, indent, text);
    }

    private static KtapLine result(int indent, String text, Matcher m) {
        int number;
        try {
            number = Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return simple(Kind.OTHER, indent, text);
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        String directive = "";
        Matcher d = DIRECTIVE.matcher(rest);
        if (d.matches()) {
            rest = d.group(1);
            directive = d.group(2).strip();
        }
        return new KtapLine(Kind.RESULT, indent, text, m.group(1).equals("ok"), number, rest.strip(), directive, -1);
    }

    private static KtapLine simple(Kind kind, int indent, String text) {
        return new KtapLine(kind, indent, text, false, 0, "", "", -1);
    }

    boolean isSkip() {
        return directive.toUpperCase(Locale.ROOT).startsWith("SKIP");
    }

    boolean isTodo() {
        return directive.toUpperCase(Locale.ROOT).startsWith("TODO");
    }
}
