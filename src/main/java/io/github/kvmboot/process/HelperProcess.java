package io.github.kvmboot.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A daemon a guest needs beside QEMU (virtiofsd): started without a shell from a
 * {@link DedicatedLauncher} thread with the {@link ParentDeathSignal} prefix, waited for until its
 * socket exists, and stopped for sure ({@link ProcessStopper}) when the guest ends, on JVM exit
 * ({@link StopOnJvmExit}) and, through pdeathsig, when the JVM is killed.
 */
public final class HelperProcess {

    /**
     * @param name    for messages and file names, e.g. {@code virtiofsd}
     * @param argv    the command, never run through a shell
     * @param socket  the unix socket the daemon creates when it is ready (deleted before it starts)
     * @param logFile the daemon's stdout and stderr
     */
    public record Spec(String name, List<String> argv, Path socket, Path logFile, Duration startTimeout) {
        public Spec {
            argv = List.copyOf(argv);
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(logFile, "logFile");
        }
    }

    private static final long POLL_MILLIS = 10;

    private final Spec spec;
    private final Process process;
    private final StopOnJvmExit hook;

    private HelperProcess(Spec spec, Process process, StopOnJvmExit hook) {
        this.spec = spec;
        this.process = process;
        this.hook = hook;
    }

    /**
     * Starts the daemon and waits for its socket.
     *
     * @throws IOException with the daemon's own last output when it cannot start, exits, or does
     *                     not create its socket in time (it is stopped then)
     */
    public static HelperProcess start(Spec spec) throws IOException, InterruptedException {
        Files.deleteIfExists(spec.socket());
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        List<String> argv = new ArrayList<>(ParentDeathSignal.launchPrefix());
        argv.addAll(spec.argv());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                .redirectErrorStream(true).redirectOutput(spec.logFile().toFile());
        Process process;
        try {
            process = DedicatedLauncher.start(builder, "kvmboot-" + spec.name() + "-launcher", exitCode -> { });
        } catch (IOException e) {
            throw new IOException("cannot start " + spec.name() + " " + spec.argv().get(0) + ": " + e.getMessage(), e);
        }
        StopOnJvmExit hook = new StopOnJvmExit(process.toHandle(), spec.name());
        Runtime.getRuntime().addShutdownHook(hook);
        HelperProcess helper = new HelperProcess(spec, process, hook);
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        while (!Files.exists(spec.socket())) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                String why = process.isAlive() ? "did not create " + spec.socket() + " within "
                        + spec.startTimeout().toSeconds() + " s" : "exited with " + process.exitValue();
                helper.stop();
                throw new IOException(spec.name() + " " + why + "; its output (" + spec.logFile() + "): " + helper.outputTail());
            }
            Thread.sleep(POLL_MILLIS);
        }
        return helper;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the daemon (SIGTERM, grace, SIGKILL) and removes its socket; safe to call twice. */
    public void stop() {
        new ProcessStopper(Duration.ofSeconds(2), Duration.ofSeconds(3)).stop(process.toHandle());
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException alreadyRunningOrRemoved) {
            // the hook is running (it stops the daemon too) or was removed by an earlier stop
        }
        try {
            Files.deleteIfExists(spec.socket());
        } catch (IOException ignored) {
            // a stale socket is deleted before the next start
        }
    }

    private String outputTail() {
        try {
            List<String> lines = Files.readAllLines(spec.logFile(), StandardCharsets.UTF_8);
            String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())).trim();
            return tail.isEmpty() ? "(none)" : tail;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
