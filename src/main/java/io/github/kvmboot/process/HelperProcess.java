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
import java.util.Optional;

/**
 * A daemon a guest needs beside QEMU (virtiofsd): started without a shell from a
 * {@link DedicatedLauncher} thread with the {@link ParentDeathSignal} prefix, waited for until its
 * socket exists, and stopped for sure ({@link ProcessStopper}) when the guest ends, on JVM exit
 * ({@link StopOnJvmExit}) and, through pdeathsig, when the JVM is killed. A detachable helper
 * (kvmboot.keepRunning) is launched {@link Detached} instead, and stopped by whoever stops its guest.
 */
public final class HelperProcess {

    /**
     * @param name    for messages and file names, e.g. {@code virtiofsd}
     * @param argv    the command, never run through a shell
     * @param socket  the unix socket the daemon creates when it is ready (deleted before it starts)
     * @param logFile the daemon's stdout and stderr
     * @param ifItFails what the user can do when it does not start, appended to the failure ("" for nothing)
     */
    public record Spec(String name, List<String> argv, Path socket, Path logFile, Duration startTimeout,
            String ifItFails) {
        public Spec {
            argv = List.copyOf(argv);
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(logFile, "logFile");
            Objects.requireNonNull(ifItFails, "ifItFails");
        }

        public Spec(String name, List<String> argv, Path socket, Path logFile, Duration startTimeout) {
            this(name, argv, socket, logFile, startTimeout, "");
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
        return start(spec, false);
    }

    /** @param detachable it may outlive the JVM: no parent-death signal, no JVM-exit hook */
    public static HelperProcess start(Spec spec, boolean detachable) throws IOException, InterruptedException {
        Files.deleteIfExists(spec.socket());
        Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
        List<String> argv = new ArrayList<>(detachable ? Detached.launchPrefix() : ParentDeathSignal.launchPrefix());
        argv.addAll(spec.argv());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(new File("/dev/null"))
                .redirectErrorStream(true).redirectOutput(spec.logFile().toFile());
        Process process;
        try {
            process = DedicatedLauncher.start(builder, "kvmboot-" + spec.name() + "-launcher", exitCode -> { });
        } catch (IOException e) {
            throw new IOException("cannot start " + spec.name() + " " + spec.argv().get(0) + ": " + e.getMessage()
                    + (spec.ifItFails().isEmpty() ? "" : "; " + spec.ifItFails()), e);
        }
        StopOnJvmExit hook = null;
        if (!detachable) {
            hook = new StopOnJvmExit(process.toHandle(), spec.name());
            Runtime.getRuntime().addShutdownHook(hook);
        }
        HelperProcess helper = new HelperProcess(spec, process, hook);
        long deadline = System.nanoTime() + spec.startTimeout().toNanos();
        while (!Files.exists(spec.socket())) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                String why = process.isAlive() ? "did not create " + spec.socket() + " within "
                        + spec.startTimeout().toSeconds() + " s" : "exited with " + process.exitValue();
                helper.stop();
                throw new IOException(spec.name() + " " + why + "; its output (" + spec.logFile() + "): " + helper.outputTail()
                        + (spec.ifItFails().isEmpty() ? "" : "; " + spec.ifItFails()));
            }
            Thread.sleep(POLL_MILLIS);
        }
        return helper;
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return spec.name();
    }

    public Path socket() {
        return spec.socket();
    }

    /** Leaves a detachable daemon running (its guest runs on); {@link #stopRecorded} stops it later. */
    public void detach() {
        removeHook();
    }

    /**
     * Stops a daemon another JVM started for a guest that outlived it, when {@code pid} still is that
     * daemon (it serves {@code socket}: a reused pid is left alone); removes the socket.
     */
    public static void stopRecorded(long pid, Path socket) {
        Optional<List<String>> argv = ProcFs.commandLine(pid);
        if (argv.isPresent() && argv.get().stream().anyMatch(arg -> arg.contains(socket.toString()))) {
            ProcessHandle.of(pid).ifPresent(p -> new ProcessStopper(Duration.ofSeconds(2), Duration.ofSeconds(3)).stop(p));
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a stale socket is deleted before the next start
        }
    }

    /** Stops the daemon (SIGTERM, grace, SIGKILL) and removes its socket; safe to call twice. */
    public void stop() {
        new ProcessStopper(Duration.ofSeconds(2), Duration.ofSeconds(3)).stop(process.toHandle());
        removeHook();
        try {
            Files.deleteIfExists(spec.socket());
        } catch (IOException ignored) {
            // a stale socket is deleted before the next start
        }
    }

    private void removeHook() {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException alreadyRunningOrRemoved) {
            // the hook is running (it stops the daemon too) or was removed by an earlier stop
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
