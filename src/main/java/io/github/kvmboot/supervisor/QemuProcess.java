package io.github.kvmboot.supervisor;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.github.kvmboot.Executables;
import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.console.ConsoleInput;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.log.Durations;
import io.github.kvmboot.process.DedicatedLauncher;
import io.github.kvmboot.process.ProcessStopper;
import io.github.kvmboot.process.StopOnJvmExit;
import io.github.kvmboot.qemu.ShellQuoting;
import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.supervisor.SupervisorEvent.Exited;
import io.github.kvmboot.supervisor.SupervisorEvent.UserQuit;

/**
 * The QEMU process of one run: started without a shell from a long-lived thread (see
 * {@link DedicatedLauncher}), its stdout pumped to console.log and the {@link ConsoleWatcher}, its
 * stderr to the {@link StderrWatcher}; stopped for sure (QMP quit or SIGTERM, grace, SIGKILL),
 * also when the JVM exits ({@link StopOnJvmExit}).
 *
 * <p>A <em>detachable</em> QEMU (kvmboot.keepRunning) may outlive the JVM: it writes console.log and
 * {@code qemu-stderr.log} itself, read back as {@link FollowedFile}s, has no JVM-exit hook, and
 * {@link #detach} lets go of it.
 */
final class QemuProcess {

    private static final ProcessStopper STOPPER = new ProcessStopper(Duration.ofSeconds(5), Duration.ofSeconds(5));
    private static final Duration THREAD_JOIN = Duration.ofSeconds(2);
    /**
     * QEMU writes the serial console one byte per system call (22,424 writes in a boot of Debian's
     * kernel). Read as they came, they woke the pump 530-1,475 times per boot, each wake-up taking
     * CPU from the TCG vCPUs on a small machine (120-133 with this); after a short read the pump
     * lets output gather for this long.
     * Not with the user's keyboard forwarded: echo stays immediate.
     */
    static final long CONSOLE_GATHER_MILLIS = 10;
    /**
     * Loaded now: QEMU may exit while the JVM shuts down, after Maven closed the plugin class
     * loader, and the launcher thread then still creates this event.
     */
    private static final Class<?> EXIT_EVENT = Exited.class;

    private final GuestRun run;
    private final BuildLog log;
    private final Consumer<SupervisorEvent> events;
    private final Path consoleLog;
    private final ConsoleWatcher watcher;
    private final StderrWatcher stderr;
    private final boolean detachable;
    private final List<FollowedFile> followed = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private OutputStream consoleOut;
    private Process process;
    private StopOnJvmExit hook;
    private ConsoleInput console;
    private volatile long lastOutputNanos = System.nanoTime();

    QemuProcess(GuestRun run, ConsoleTranscript transcript, BuildLog log, Consumer<SupervisorEvent> events,
            boolean detachable) {
        this.run = run;
        this.detachable = detachable;
        this.log = log;
        this.events = events;
        this.consoleLog = run.outputDirectory().resolve("console.log");
        this.watcher = new ConsoleWatcher(run.expect(), run.failOn(), run.warning(), transcript, log, run.listener(),
                events);
        this.stderr = new StderrWatcher(log, events);
    }

    Path consoleLog() {
        return consoleLog;
    }

    private Path stderrLog() {
        return run.outputDirectory().resolve("qemu-stderr.log");
    }

    void openConsoleLog() throws KvmbootException {
        try {
            Files.createDirectories(run.outputDirectory());
            if (detachable) {
                Files.write(consoleLog, new byte[0]);
                Files.write(stderrLog(), new byte[0]);
            } else {
                consoleOut = Files.newOutputStream(consoleLog);
            }
        } catch (IOException e) {
            throw new KvmbootException("Cannot write the console log " + consoleLog + ": " + e, e);
        }
    }

    /** Starts QEMU and its reader threads; the message of the exception is the user's explanation. */
    void start(List<String> launchPrefix) throws IOException, InterruptedException {
        lastOutputNanos = System.nanoTime();
        String binary = run.command().get(0);
        if (Executables.find(binary).isEmpty()) {
            throw new IOException("Cannot start QEMU: " + binary
                    + (binary.contains("/") ? " is not an executable file" : " is not on PATH"));
        }
        List<String> argv = new ArrayList<>(launchPrefix);
        argv.addAll(run.command());
        if (!launchPrefix.isEmpty()) {
            log.debug("launched as: " + ShellQuoting.join(argv));
        }
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (detachable) {
            builder.redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog().toFile()));
        }
        // read from where this QEMU starts writing: a QEMU started again appends to the earlier one's logs
        long consoleFrom = detachable ? Files.size(consoleLog) : 0;
        long stderrFrom = detachable ? Files.size(stderrLog()) : 0;
        try {
            process = DedicatedLauncher.start(builder, "kvmboot-qemu-launcher",
                    exitCode -> events.accept(new Exited(exitCode)));
        } catch (IOException e) {
            throw new IOException("Cannot start QEMU " + binary + ": " + e.getMessage(), e);
        }
        log.debug("QEMU pid " + process.pid());
        if (detachable) {
            Process writer = process;
            FollowedFile stdout = new FollowedFile(consoleLog, consoleFrom, writer::isAlive);
            FollowedFile stderrFile = new FollowedFile(stderrLog(), stderrFrom, writer::isAlive);
            followed.addAll(List.of(stdout, stderrFile));
            pumps.add(startThread("kvmboot-qemu-console-log", () -> pumpStdout(stdout, false))); // polls already
            pumps.add(startThread("kvmboot-qemu-stderr-log", () -> pumpStderr(stderrFile)));
            return;
        }
        hook = new StopOnJvmExit(process.toHandle(), "qemu");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean gather = !run.forwardStdin();
        pumps.add(startThread("kvmboot-qemu-stdout", () -> pumpStdout(process.getInputStream(), gather)));
        pumps.add(startThread("kvmboot-qemu-stderr", () -> pumpStderr(process.getErrorStream())));
        if (run.forwardStdin()) {
            console = ConsoleInput.start(System.in, process.getOutputStream(), System.out,
                    () -> events.accept(new UserQuit()), log);
        }
        // else QEMU's stdin stays an open, idle pipe until QEMU is gone
    }

    /**
     * After QEMU exited (and {@link #awaitReaders}): the same command started again, its output
     * appended to the same console log and watched by the same watcher (a guest resuming from its
     * hibernation image continues the transcript).
     */
    void startAgain(List<String> launchPrefix) throws IOException, InterruptedException {
        restoreTerminal();
        console = null;
        closeQuietly(process.getOutputStream());
        followed.forEach(QemuProcess::closeQuietly);
        followed.clear();
        pumps.clear();
        removeHook();
        start(launchPrefix);
    }

    private void removeHook() {
        try {
            if (hook != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook is running or about to: it stops QEMU if we did not
        }
        hook = null;
    }

    private static Thread startThread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    boolean started() {
        return process != null;
    }

    /** The pid, {@code null} before QEMU started. */
    Long pid() {
        return process == null ? null : process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long lastOutputNanos() {
        return lastOutputNanos;
    }

    int warnings() {
        return watcher.warnings();
    }

    List<String> stderrTail() {
        return stderr.tail();
    }

    /** After QEMU exited: lets the readers deliver what it wrote last. */
    void awaitReaders() {
        pumps.forEach(QemuProcess::joinBriefly);
    }

    /** Stops QEMU for sure: QMP quit when {@code qmp} is given and answers, else SIGTERM; then SIGKILL. */
    void stop(QmpClient qmp) {
        if (!isAlive()) {
            return;
        }
        boolean asked = false;
        if (qmp != null) {
            try {
                qmp.quit();
                asked = true;
            } catch (IOException e) {
                log.debug("QMP quit failed (" + e.getMessage() + "): sending SIGTERM");
            }
        }
        STOPPER.stop(process.toHandle(), asked, () -> log.warn("QEMU pid " + process.pid() + " did not exit within "
                + Durations.describe(STOPPER.grace()) + ": killing it"));
    }

    /** A detachable QEMU goes on without this JVM: its log readers stop, QEMU is left running. */
    void detach() {
        followed.forEach(FollowedFile::abandon);
        pumps.forEach(QemuProcess::joinBriefly);
        followed.forEach(QemuProcess::closeQuietly);
    }

    /** Puts the terminal back as it was before the guest (once; also done by {@link #close}). */
    void restoreTerminal() {
        if (console != null) {
            console.close();
        }
    }

    /**
     * After {@link #stop}: restores the terminal, closes stdin, lets the readers finish, closes
     * console.log, removes the hook.
     */
    void close() {
        restoreTerminal();
        if (process != null) {
            closeQuietly(process.getOutputStream());
            pumps.forEach(QemuProcess::joinBriefly);
            followed.forEach(QemuProcess::closeQuietly);
            removeHook();
        }
        closeQuietly(consoleOut);
    }

    private void pumpStdout(InputStream in, boolean gather) {
        byte[] buffer = new byte[8192];
        boolean logWritable = true;
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                lastOutputNanos = System.nanoTime();
                if (logWritable && consoleOut != null) {
                    logWritable = appendToConsoleLog(buffer, n);
                }
                watcher.accept(buffer, 0, n);
                if (gather && n < buffer.length) {
                    gather = pauseForMoreOutput();
                }
            }
        } catch (IOException e) {
            log.debug("QEMU stdout: " + e.getMessage());
        }
        watcher.endOfStream();
    }

    /** False when interrupted: the pump then reads on without pausing, so that QEMU never blocks on it. */
    private static boolean pauseForMoreOutput() {
        try {
            Thread.sleep(CONSOLE_GATHER_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Unbuffered: each chunk is in the file as soon as it is read, even if the JVM dies next. */
    private boolean appendToConsoleLog(byte[] buffer, int length) {
        try {
            consoleOut.write(buffer, 0, length);
            return true;
        } catch (IOException e) {
            log.warn("Cannot write " + consoleLog + " (" + e.getMessage() + "); console output is no longer saved");
            return false;
        }
    }

    private void pumpStderr(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                stderr.accept(line);
            }
        } catch (IOException e) {
            log.debug("QEMU stderr: " + e.getMessage());
        }
    }

    static void joinBriefly(Thread thread) {
        try {
            thread.join(THREAD_JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort during shutdown
        }
    }
}
