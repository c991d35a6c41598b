package io.github.kvmboot.console;

import java.io.ByteArrayOutputStream;

/**
 * QEMU's {@code -nographic} escape keys on the bytes typed into the console: Ctrl-A x quits,
 * Ctrl-A h (or ?) prints the key help, Ctrl-A Ctrl-A sends one Ctrl-A; any other key after Ctrl-A is
 * dropped, as QEMU does. Every other byte goes to the guest unchanged (Ctrl-C, Ctrl-Z, Ctrl-\ too).
 */
public final class EscapeKeys {

    public static final byte CTRL_A = 0x01;

    /** What a typed byte asks the console for, besides the bytes for the guest. */
    public enum Action { NONE, QUIT, HELP }

    public static final String HELP = "kvmboot console keys: Ctrl-A x  stop the guest and end the goal;"
            + " Ctrl-A h  this help; Ctrl-A Ctrl-A  send Ctrl-A; every other key (Ctrl-C, Ctrl-Z, Ctrl-\\ too)"
            + " goes to the guest";

    private boolean escaped;

    /** Feeds one typed byte; what the guest is to receive is appended to {@code toGuest}. */
    public Action feed(byte typed, ByteArrayOutputStream toGuest) {
        if (!escaped) {
            if (typed == CTRL_A) {
                escaped = true;
            } else {
                toGuest.write(typed);
            }
            return Action.NONE;
        }
        escaped = false;
        return switch (typed) {
            case CTRL_A -> {
                toGuest.write(CTRL_A);
                yield Action.NONE;
            }
            case 'x', 'X' -> Action.QUIT;
            case 'h', 'H', '?' -> Action.HELP;
            default -> Action.NONE;
        };
    }
}
