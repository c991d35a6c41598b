package io.github.kvmboot.qemu;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
        // A first word like NAME=value would be read as a variable assignment, not as the command.
        return IntStream.range(0, argv.size())
                .mapToObj(i -> i == 0 && argv.get(0).contains("=") ? quoteAlways(argv.get(0)) : quote(argv.get(i)))
                .collect(Collectors.joining(" "));
    }

    public static String quote(String word) {
        return PLAIN_WORD.matcher(word).matches() ? word : quoteAlways(word);
    }

    private static String quoteAlways(String word) {
        // Inside single quotes nothing is special except the closing quote itself.
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
