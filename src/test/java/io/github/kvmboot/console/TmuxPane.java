package io.github.kvmboot.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for the console tests: a tmux server of its own (its own socket) with one
 * 120x40 pane running bash; keys are sent with {@code send-keys}, the screen read with
 * {@code capture-pane}.
 */
final class TmuxPane implements AutoCloseable {

    private final String socket = "kvmboot-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    TmuxPane() throws IOException, InterruptedException {
        tmux("new-session", "-d", "-x", "120", "-y", "40", "-s", "console", "bash --norc --noprofile");
    }

    /** Types {@code text} literally (no key names). */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "console", "-l", text);
    }

    /** Sends tmux key names: Enter, Escape, Left, C-c, C-a, ... */
    void keys(String... names) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("send-keys", "-t", "console"));
        argv.addAll(List.of(names));
        tmux(argv.toArray(String[]::new));
    }

    /** The pane's screen and up to 2000 lines of its history. */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-S", "-2000", "-t", "console");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", socket));
        argv.addAll(List.of(args));
        Process tmux = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
        String out = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tmux.waitFor(30, TimeUnit.SECONDS) || tmux.exitValue() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }
}
