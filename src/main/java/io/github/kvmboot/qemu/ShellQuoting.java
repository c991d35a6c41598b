package io.github.kvmboot.qemu;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders an argument vector as one POSIX shell line a user can copy and paste. Only for display:
 * QEMU itself is always started from the {@code List<String>}, never through a shell.
 */
public final class ShellQuoting {

    /** Words made only of these characters mean the same to a shell with or without quotes. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuoting() {
    }

    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }

    public static String quote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        // Inside single quotes nothing is special except the closing quote itself.
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
