package io.github.kvmboot.console;

import java.util.Optional;

/** The controlling terminal's rows and columns ({@code stty size}), for a guest to draw full-screen programs. */
public record TerminalSize(int rows, int columns) {

    /** The size of /dev/tty, empty when there is none or it does not say. */
    public static Optional<TerminalSize> query() {
        Optional<String> size = Stty.run("size");
        if (size.isEmpty()) {
            return Optional.empty();
        }
        String[] words = size.get().trim().split("\\s+");
        try {
            TerminalSize parsed = new TerminalSize(Integer.parseInt(words[0]), Integer.parseInt(words[1]));
            return parsed.rows() > 0 && parsed.columns() > 0 ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
