package io.github.kvmboot.console;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code stty} on the controlling terminal: its stdin is /dev/tty (stty acts on its stdin), no
 * shell. JDK types only: {@link RawTerminal}'s shutdown hook runs this after Maven closed the
 * plugin class loader.
 */
final class Stty {

    static final File TTY = new File("/dev/tty");
    private static final long WAIT_SECONDS = 5;

    private Stty() {
    }

    /** The output of {@code stty args...}, empty when it failed (no terminal, refused, no stty). */
    static Optional<String> run(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add("stty");
        argv.addAll(List.of(args));
        try {
            Process stty = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(TTY))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = stty.getInputStream()) {
                in.transferTo(out);
            }
            if (!stty.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return Optional.empty();
            }
            return stty.exitValue() == 0 ? Optional.of(out.toString(StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
