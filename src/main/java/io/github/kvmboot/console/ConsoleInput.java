package io.github.kvmboot.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;

import io.github.kvmboot.log.BuildLog;

/**
 * The person at the terminal typing into the guest console: the terminal in raw mode when it
 * allows ({@link RawTerminal}, else line by line as typed), every byte forwarded to QEMU's stdin
 * unbuffered, QEMU's escape keys handled ({@link EscapeKeys}). Used only when stdin and stdout are
 * a terminal; the caller restores the terminal with {@link #close} on every way out.
 */
public final class ConsoleInput implements AutoCloseable {

    private final Optional<RawTerminal> raw;
    private final Thread reader;

    private ConsoleInput(Optional<RawTerminal> raw, Thread reader) {
        this.raw = raw;
        this.reader = reader;
    }

    /**
     * Enters raw mode and starts forwarding {@code typed} to {@code toGuest}.
     *
     * @param onQuit called (on the reader thread) when Ctrl-A x is typed
     */
    public static ConsoleInput start(InputStream typed, OutputStream toGuest, PrintStream terminal, Runnable onQuit,
            BuildLog log) {
        StringBuilder refusal = new StringBuilder();
        Optional<RawTerminal> raw = RawTerminal.enter(refusal);
        if (raw.isPresent()) {
            log.info("kvmboot: interactive console (raw terminal): every key goes to the guest; Ctrl-A x stops it,"
                    + " Ctrl-A h shows the keys, Ctrl-A Ctrl-A sends Ctrl-A");
        } else {
            log.warn("kvmboot: the terminal refused raw mode (" + refusal + "): input goes to the guest a line at a"
                    + " time; Ctrl-A x then Enter stops it, Ctrl-C stops Maven and the guest");
        }
        Thread reader = new Thread(() -> forward(typed, toGuest, terminal, onQuit), "kvmboot-stdin");
        reader.setDaemon(true);
        reader.start();
        return new ConsoleInput(raw, reader);
    }

    /** True while the terminal is in raw mode. */
    public boolean raw() {
        return raw.isPresent();
    }

    private static void forward(InputStream typed, OutputStream toGuest, PrintStream terminal, Runnable onQuit) {
        EscapeKeys keys = new EscapeKeys();
        byte[] buffer = new byte[1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (int n = typed.read(buffer); n >= 0; n = typed.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    EscapeKeys.Action action = keys.feed(buffer[i], out);
                    if (action == EscapeKeys.Action.QUIT) {
                        flush(out, toGuest);
                        onQuit.run();
                        return;
                    }
                    if (action == EscapeKeys.Action.HELP) {
                        terminal.print("\r\n" + EscapeKeys.HELP + "\r\n");
                        terminal.flush();
                    }
                }
                flush(out, toGuest);
            }
        } catch (IOException qemuGone) {
            // nothing left to forward to
        }
    }

    private static void flush(ByteArrayOutputStream out, OutputStream toGuest) throws IOException {
        if (out.size() > 0) {
            out.writeTo(toGuest);
            toGuest.flush();
            out.reset();
        }
    }

    /** Restores the terminal; the reader thread blocks in read until the JVM ends (a daemon). */
    @Override
    public void close() {
        raw.ifPresent(RawTerminal::close);
    }
}
