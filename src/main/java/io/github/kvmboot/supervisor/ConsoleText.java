package io.github.kvmboot.supervisor;

import java.util.regex.Pattern;

/** Turns raw console text into plain text for logs and pattern matching. */
final class ConsoleText {

    // CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), charset selection (ESC ( B) and
    // two-byte escapes (ESC c, ESC 7, ...). SeaBIOS emits "ESC c ESC[?7l ESC[2J".
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]"
            + "|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?"
            + "|\u001B[()*+][0-~]"
            + "|\u001B[ -~]?"
            + "|\u009B[0-?]*[ -/]*[@-~]");
    private static final Pattern CONTROLS = Pattern.compile("[\\x00-\\x08\\x0A-\\x1F\\x7F-\\x9F]");

    private ConsoleText() {
    }

    /** Removes ANSI escape sequences and control characters (tabs are kept). */
    static String strip(String raw) {
        if (raw.indexOf('\u001B') < 0 && !hasControls(raw)) {
            return raw;
        }
        return CONTROLS.matcher(ESCAPES.matcher(raw).replaceAll("")).replaceAll("");
    }

    private static boolean hasControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F)) {
                return true;
            }
        }
        return false;
    }
}
