package io.github.kvmboot.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.github.kvmboot.process.ProcFs;
import io.github.kvmboot.process.ProcessStopper;

/**
 * A background program tracked by its pidfile. The pid counts only while /proc/&lt;pid&gt;/cmdline
 * shows this program with this switch's marker argument, so a stale pidfile whose pid was reused
 * by another process is never mistaken for ours (and that process is never signalled).
 */
public final class Daemon {

    public enum State { RUNNING, STALE, ABSENT }

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Path pidFile;
    private final String marker;

    /**
     * @param name    the program name (last element of argv[0])
     * @param pidFile where the program writes its pid
     * @param marker  an argument only this switch's instance has (its socket path, its interface)
     */
    public Daemon(String name, Path pidFile, String marker) {
        this.name = name;
        this.pidFile = pidFile;
        this.marker = marker;
    }

    public String name() {
        return name;
    }

    public Path pidFile() {
        return pidFile;
    }

    public State state() {
        return pidFileContent().isEmpty() ? (Files.exists(pidFile) ? State.STALE : State.ABSENT)
                : runningPid().isPresent() ? State.RUNNING : State.STALE;
    }

    /** The pid from the pidfile when that process is this daemon. */
    public OptionalLong runningPid() {
        OptionalLong pid = pidFileContent();
        if (pid.isEmpty()) {
            return pid;
        }
        Optional<List<String>> argv = ProcFs.commandLine(pid.getAsLong());
        boolean ours = argv.isPresent() && !argv.get().isEmpty()
                && Path.of(argv.get().get(0)).getFileName().toString().equals(name)
                && argv.get().stream().anyMatch(a -> a.contains(marker));
        return ours ? pid : OptionalLong.empty();
    }

    private OptionalLong pidFileContent() {
        try {
            String text = Files.readString(pidFile, StandardCharsets.US_ASCII).trim();
            return text.matches("\\d{1,10}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Removes a pidfile that names no running instance of this daemon. */
    public void removeStalePidFile() throws IOException {
        if (state() == State.STALE) {
            Files.deleteIfExists(pidFile);
        }
    }

    /** Waits until the daemon's pidfile names it (daemons write it after forking). */
    public OptionalLong awaitRunning(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            OptionalLong pid = runningPid();
            if (pid.isPresent() || System.nanoTime() > deadline) {
                return pid;
            }
            Thread.sleep(50);
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period; true when it is gone. */
    public boolean stop(long pid, long graceMillis) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isEmpty() || new ProcessStopper(Duration.ofMillis(graceMillis), KILL_WAIT).stop(handle.get());
    }
}
