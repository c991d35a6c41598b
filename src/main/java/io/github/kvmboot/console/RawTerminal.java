package io.github.kvmboot.console;

import java.util.Optional;

/**
 * The controlling terminal in raw mode for a guest's lifetime: every key goes to the guest as typed,
 * nothing is echoed or turned into a signal. The settings saved before ({@code stty -g}) are put
 * back by {@link #restore}, or by the shutdown hook when the JVM ends first (SIGTERM, SIGINT from
 * another process, System.exit). After {@code kill -9} nothing can: {@code stty sane} repairs it.
 *
 * <p>{@code opost} stays on, as with QEMU's own {@code -nographic}: lines the build log prints while
 * the guest runs still start at the left margin.
 */
public final class RawTerminal implements AutoCloseable {

    private final String saved;
    private final Thread hook;
    private boolean restored;

    private RawTerminal(String saved) {
        this.saved = saved;
        this.hook = new Thread(() -> Stty.run(saved), "kvmboot-restore-terminal");
    }

    /**
     * Saves the terminal's settings and puts it in raw mode; empty (and unchanged) when there is no
     * terminal or it refused, with {@code refusal} telling why.
     */
    public static Optional<RawTerminal> enter(StringBuilder refusal) {
        Optional<String> saved = Stty.run("-g").map(String::trim).filter(s -> !s.isEmpty());
        if (saved.isEmpty()) {
            refusal.append("stty -g on /dev/tty failed");
            return Optional.empty();
        }
        RawTerminal terminal = new RawTerminal(saved.get());
        Runtime.getRuntime().addShutdownHook(terminal.hook);
        if (Stty.run("raw", "-echo", "opost").isEmpty()) {
            terminal.close();
            refusal.append("stty raw -echo on /dev/tty failed");
            return Optional.empty();
        }
        return Optional.of(terminal);
    }

    /** The settings saved before raw mode, as {@code stty -g} printed them. */
    public String saved() {
        return saved;
    }

    /** Puts the saved settings back (once). */
    @Override
    public synchronized void close() {
        if (restored) {
            return;
        }
        restored = true;
        Stty.run(saved);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook runs now and restores the same settings
        }
    }
}
