package io.github.kvmboot.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.kvmboot.Executables;
import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.ShellQuoting;
import io.github.kvmboot.qemu.qmp.Chardev;
import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.supervisor.LineSplitter.Line;
import io.github.kvmboot.supervisor.SupervisorEvent.ConsoleStarted;
import io.github.kvmboot.supervisor.SupervisorEvent.ExpectMatched;
import io.github.kvmboot.supervisor.SupervisorEvent.Exited;
import io.github.kvmboot.supervisor.SupervisorEvent.FailMatched;
import io.github.kvmboot.supervisor.SupervisorEvent.PtyAnnounced;
import io.github.kvmboot.supervisor.SupervisorEvent.QmpFailed;
import io.github.kvmboot.supervisor.SupervisorEvent.QmpReady;

/**
 * One supervised QEMU run. The calling thread only waits on the event queue; reader threads
 * (stdout, stderr, QMP connect, process exit) post to it.
 */
final class GuestSession {

    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration FAIL_CONTEXT_WAIT = Duration.ofSeconds(2);
    private static final Duration PTY_REPORT_DELAY = Duration.ofSeconds(1);
    private static final Duration THREAD_JOIN = Duration.ofSeconds(2);
    private static final Duration QMP_REPLY_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration QMP_DRAIN = Duration.ofSeconds(1);
    private static final int TAIL_LINES = 20;
    /**
     * Loaded now: QEMU may exit while the JVM shuts down, after Maven closed the plugin class
     * loader, and the launcher thread then still creates this event.
     */
    private static final Class<?> EXIT_EVENT = Exited.class;

    private final GuestRun run;
    private final BuildLog log;
    private final List<String> launchPrefix;
    private final Path consoleLog;
    private final BlockingQueue<SupervisorEvent> events = new LinkedBlockingQueue<>();
    private final ConsoleTranscript transcript = new ConsoleTranscript();
    private final StderrWatcher stderr;
    private final Map<String, String> ptys = new LinkedHashMap<>();
    private final List<Thread> pumps = new ArrayList<>();
    private long startNanos;
    private OutputStream consoleOut;
    private Process process;
    private KillQemuOnJvmExit hook;
    private Thread qmpConnector;
    private QmpClient qmp;
    private boolean ptysReported;
    private boolean interruptedWhileStopping;
    private Line failure;
    private long failDeadline;
    private volatile long lastOutputNanos;
    private volatile ConsoleWatcher watcher;
    private final List<String> qmpEvents = new ArrayList<>();
    private Integer commandExitCode;
    private boolean warningsReported;

    GuestSession(GuestRun run, BuildLog log, List<String> launchPrefix) {
        this.run = run;
        this.log = log;
        this.launchPrefix = launchPrefix;
        this.consoleLog = run.outputDirectory().resolve("console.log");
        this.stderr = new StderrWatcher(log, events::add);
    }

    GuestResult run() throws KvmbootException, InterruptedException {
        if (run.pidFile().isPresent()) {
            StaleQemu.stopIfRunning(run.pidFile().get(), log);
        }
        if (run.qmpSocket().isPresent()) {
            deleteIfExists(run.qmpSocket().get()); // so "exists" means "created by this QEMU"
        }
        if (run.commandStatus().isPresent()) {
            deleteIfExists(run.commandStatus().get()); // only this guest's report counts
        }
        openConsoleLog();
        log.info("QEMU: " + ShellQuoting.join(run.command()));
        startNanos = System.nanoTime();
        lastOutputNanos = startNanos;
        try {
            start();
            return supervise();
        } finally {
            shutDown();
        }
    }

    private void openConsoleLog() throws KvmbootException {
        try {
            Files.createDirectories(run.outputDirectory());
            consoleOut = Files.newOutputStream(consoleLog);
        } catch (IOException e) {
            throw new KvmbootException("Cannot write the console log " + consoleLog + ": " + e, e);
        }
    }

    private void start() throws KvmbootException, InterruptedException {
        String binary = run.command().get(0);
        if (Executables.find(binary).isEmpty()) {
            throw failure(Outcome.QEMU_FAILED, null, List.of(), "Cannot start QEMU: " + binary
                    + (binary.contains("/") ? " is not an executable file" : " is not on PATH"));
        }
        List<String> argv = new ArrayList<>(launchPrefix);
        argv.addAll(run.command());
        if (!launchPrefix.isEmpty()) {
            log.debug("launched as: " + ShellQuoting.join(argv));
        }
        try {
            process = QemuLauncher.start(argv, exitCode -> events.add(new Exited(exitCode)));
        } catch (IOException e) {
            throw failure(Outcome.QEMU_FAILED, null, List.of(), "Cannot start QEMU " + binary + ": " + e.getMessage());
        }
        hook = new KillQemuOnJvmExit(process.toHandle());
        Runtime.getRuntime().addShutdownHook(hook);
        log.debug("QEMU pid " + process.pid());
        startThread("kvmboot-qemu-stdout", true, () -> pumpStdout(process.getInputStream()));
        startThread("kvmboot-qemu-stderr", true, () -> pumpStderr(process.getErrorStream()));
        if (run.forwardStdin()) {
            startThread("kvmboot-stdin", false, () -> forwardStdin(process.getOutputStream()));
        }
        // else QEMU's stdin stays an open, idle pipe until QEMU is gone
        if (run.qmpSocket().isPresent()) {
            qmpConnector = startThread("kvmboot-qmp-connect", false,
                    new QmpConnector(run.qmpSocket().get(), process, log, events::add));
        }
    }

    private Thread startThread(String name, boolean isPump, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        if (isPump) {
            pumps.add(thread);
        }
        return thread;
    }

    private GuestResult supervise() throws KvmbootException, InterruptedException {
        boolean hasTimeout = !run.timeout().isZero();
        long timeoutAt = startNanos + run.timeout().toNanos();
        long ptyReportAt = System.nanoTime() + PTY_REPORT_DELAY.toNanos();
        while (true) {
            Deadlines next = new Deadlines();
            if (hasTimeout) {
                next.consider(timeoutAt);
            }
            if (failure != null) {
                next.consider(failDeadline);
            }
            if (!ptysReported && qmpConnector == null) {
                next.consider(ptyReportAt);
            }
            if (!run.noOutputTimeout().isZero()) {
                next.consider(lastOutputNanos + run.noOutputTimeout().toNanos());
            }
            SupervisorEvent event = next.any() ? events.poll(next.nanosUntilEarliest(), TimeUnit.NANOSECONDS)
                    : events.take();
            if (event != null) {
                Optional<GuestResult> done = handle(event);
                if (done.isPresent()) {
                    return done.get();
                }
                continue;
            }
            long now = System.nanoTime();
            if (failure != null && now - failDeadline >= 0) {
                throw failPatternFailure(null);
            }
            if (hasTimeout && now - timeoutAt >= 0) {
                throw timedOut();
            }
            if (!run.noOutputTimeout().isZero() && now - (lastOutputNanos + run.noOutputTimeout().toNanos()) >= 0) {
                throw silent();
            }
            if (!ptysReported && qmpConnector == null && now - ptyReportAt >= 0) {
                reportPtys();
            }
        }
    }

    private Optional<GuestResult> handle(SupervisorEvent event) throws KvmbootException {
        if (event instanceof PtyAnnounced announced) {
            ptys.put(announced.mapping().label(), announced.mapping().path());
        } else if (event instanceof ConsoleStarted) {
            if (qmpConnector == null && !ptysReported) {
                reportPtys();
            }
        } else if (event instanceof ExpectMatched matched) {
            if (failure == null) {
                log.info("Console matched /" + run.expect().get().pattern() + "/: stopping QEMU");
                return Optional.of(result(Outcome.EXPECT_MATCHED, null, Excerpt.tail(transcript.last(TAIL_LINES))));
            }
        } else if (event instanceof FailMatched failed) {
            if (failure == null) {
                failure = failed.line();
                failDeadline = System.nanoTime() + FAIL_CONTEXT_WAIT.toNanos();
            }
        } else if (event instanceof QmpReady ready) {
            qmp = ready.client();
            qmp.setReplyTimeout(QMP_REPLY_TIMEOUT);
            confirmPtys(ready.chardevs());
            reportPtys();
        } else if (event instanceof QmpFailed qmpFailed) {
            log.warn("QMP: " + qmpFailed.reason() + "; using the pty lines QEMU printed");
            if (!ptysReported && process.isAlive()) {
                reportPtys();
            }
        } else if (event instanceof Exited exited) {
            return Optional.of(afterExit(exited.exitCode()));
        }
        return Optional.empty();
    }

    /** QEMU exited by itself: read what it wrote last, then decide. */
    private GuestResult afterExit(int exitCode) throws KvmbootException {
        pumps.forEach(GuestSession::joinBriefly);
        boolean expectSeen = false;
        for (SupervisorEvent late = events.poll(); late != null; late = events.poll()) {
            if (late instanceof ExpectMatched && failure == null) {
                expectSeen = true;
            } else if (late instanceof FailMatched failed && failure == null) {
                failure = failed.line();
            } else if (late instanceof PtyAnnounced announced) {
                ptys.put(announced.mapping().label(), announced.mapping().path());
            } else if (late instanceof QmpReady ready) {
                if (qmp == null) {
                    qmp = ready.client();
                } else {
                    closeQuietly(ready.client());
                }
            }
        }
        readLastQmpEvents();
        List<String> tail = Excerpt.tail(transcript.last(TAIL_LINES));
        if (expectSeen) {
            return result(Outcome.EXPECT_MATCHED, exitCode, tail);
        }
        if (failure != null) {
            throw failPatternFailure(exitCode);
        }
        if (qmpEvents.contains("GUEST_PANICKED")) {
            throw failure(Outcome.GUEST_PANICKED, exitCode, tail, "Guest kernel panicked: QEMU reported GUEST_PANICKED"
                    + " (pvpanic) though no fail pattern matched; last console lines:\n" + Excerpt.indent(tail));
        }
        if (exitCode != 0) {
            List<String> errors = stderr.tail();
            throw failure(Outcome.QEMU_FAILED, exitCode, tail, "QEMU failed with exit code " + exitCode
                    + (errors.isEmpty() ? " (no error output)" : "; its error output:\n  " + String.join("\n  ", errors))
                    + (tail.isEmpty() ? "" : "\nlast console lines:\n" + Excerpt.indent(tail)));
        }
        if (run.commandStatus().isPresent()) {
            return commandVerdict(exitCode, tail);
        }
        if (run.expect().isPresent()) {
            throw failure(Outcome.GUEST_EXITED, exitCode, tail, "QEMU exited (code 0) before "
                    + slashed(run.expect().get()) + " appeared on the console (" + transcript.count()
                    + " console lines); last console lines:\n" + Excerpt.indent(tail));
        }
        log.info("QEMU exited with code 0");
        return result(Outcome.GUEST_EXITED, exitCode, tail);
    }

    private GuestFailureException failPatternFailure(Integer exitCode) {
        if (exitCode == null) {
            pollQmpEvents();
        }
        List<String> excerpt = transcript.failureExcerpt();
        return failure(Outcome.FAIL_PATTERN, exitCode, excerpt, "Guest failed: console matched fail pattern "
                + slashed(run.failOn().get()) + " at line " + failure.number() + " of " + consoleLog
                + (qmpEvents.contains("GUEST_PANICKED") ? " (QEMU reported GUEST_PANICKED)" : "") + ":\n"
                + Excerpt.indent(excerpt));
    }

    /** The guest powered off: its init's report on the status port decides. */
    private GuestResult commandVerdict(int qemuExitCode, List<String> tail) throws GuestFailureException {
        CommandStatus status;
        try {
            status = CommandStatus.read(run.commandStatus().get());
        } catch (IOException e) {
            throw failure(Outcome.NO_EXIT_CODE, qemuExitCode, tail, "Cannot read the guest's status report "
                    + run.commandStatus().get() + ": " + e.getMessage());
        }
        if (status.forgedLines() > 0) {
            log.warn("ignored " + status.forgedLines() + " line(s) on the guest's status port that did not carry"
                    + " init's nonce (something other than kvmboot's init wrote to it)");
        }
        if (status.error().isPresent()) {
            throw failure(Outcome.NO_EXIT_CODE, qemuExitCode, tail, "The guest's init failed before running the command: "
                    + initError(status.error().get()) + "; last console lines:\n" + Excerpt.indent(tail));
        }
        if (status.exitCode().isEmpty()) {
            throw failure(Outcome.NO_EXIT_CODE, qemuExitCode, tail, "The guest stopped before the command reported an"
                    + " exit code (" + (status.started() ? "the command was started" : "init never reached the command")
                    + "); last console lines:\n" + Excerpt.indent(tail));
        }
        commandExitCode = status.exitCode().get();
        if (commandExitCode != 0) {
            throw failure(Outcome.COMMAND_EXITED, qemuExitCode, tail, "The guest command exited with code "
                    + commandExitCode + "; last console lines:\n" + Excerpt.indent(tail));
        }
        log.info("The guest command exited with code 0");
        return result(Outcome.COMMAND_EXITED, qemuExitCode, tail);
    }

    private static String initError(String what) {
        if (what.equals("no-9p")) {
            return "the kernel has no 9p file system for kvmboot.share (build it with CONFIG_NET_9P, CONFIG_NET_9P_VIRTIO,"
                    + " CONFIG_9P_FS and CONFIG_VIRTIO_PCI, or give their modules with kvmboot.modules)";
        }
        if (what.startsWith("mount-")) {
            return "mounting the share with tag " + what.substring("mount-".length()) + " failed (see the console)";
        }
        return what;
    }

    private GuestFailureException silent() {
        List<String> tail = Excerpt.tail(transcript.last(TAIL_LINES));
        pollQmpEvents();
        return failure(Outcome.NO_OUTPUT, null, tail, "No console output for " + describe(run.noOutputTimeout())
                + " (kvmboot.noOutputTimeout); the guest looks hung; last console lines:\n" + Excerpt.indent(tail));
    }

    /** While QEMU runs: a cheap command makes QMP deliver the events it queued. */
    private void pollQmpEvents() {
        if (qmp != null) {
            try {
                qmp.execute("query-status");
            } catch (IOException e) {
                log.debug("QMP query-status: " + e.getMessage());
            }
            collectEventNames();
        }
    }

    /** After QEMU exited: the events it sent before closing the socket. */
    private void readLastQmpEvents() {
        if (qmp != null) {
            qmp.readRemainingEvents(QMP_DRAIN);
            collectEventNames();
        }
    }

    private void collectEventNames() {
        qmpEvents.clear();
        qmp.events().forEach(e -> qmpEvents.add(e.path("event").asText()));
        if (qmpEvents.contains("GUEST_PANICKED")) {
            log.error("QEMU reported GUEST_PANICKED: the guest kernel panicked");
        }
    }

    private GuestFailureException timedOut() {
        pollQmpEvents();
        List<String> tail = Excerpt.tail(transcript.last(TAIL_LINES));
        String awaited = run.expect().map(p -> " waiting for " + slashed(p) + " (no match in " + transcript.count()
                + " console lines)").orElse(" (" + transcript.count() + " console lines)");
        return failure(Outcome.TIMED_OUT, null, tail, "Timed out after " + describe(run.timeout()) + awaited
                + "; last console lines:\n" + Excerpt.indent(tail));
    }

    private GuestFailureException failure(Outcome outcome, Integer exitCode, List<String> excerpt, String message) {
        return new GuestFailureException(message, result(outcome, exitCode, excerpt));
    }

    private GuestResult result(Outcome outcome, Integer exitCode, List<String> excerpt) {
        ConsoleWatcher w = watcher;
        int warnings = w == null ? 0 : w.warnings();
        if (warnings > 0 && !warningsReported) {
            warningsReported = true;
            log.warn(warnings + " kernel warning line(s) on the console (see " + consoleLog
                    + "); -Dkvmboot.failOnWarning makes them fail the run");
        }
        return new GuestResult(outcome, exitCode, process == null ? null : process.pid(), ptys, consoleLog,
                Duration.ofNanos(System.nanoTime() - startNanos), excerpt, commandExitCode, qmpEvents, warnings);
    }

    /** QMP is authoritative; the printed lines are what the user saw. Warn when they disagree. */
    private void confirmPtys(List<Chardev> chardevs) {
        for (Chardev chardev : chardevs) {
            Optional<String> path = chardev.ptyPath();
            if (path.isEmpty()) {
                continue;
            }
            String printed = ptys.put(chardev.label(), path.get());
            if (printed != null && !printed.equals(path.get())) {
                log.warn("pty of " + chardev.label() + ": QEMU printed " + printed + " but query-chardev says "
                        + path.get() + "; using " + path.get());
            }
        }
    }

    private void reportPtys() {
        ptysReported = true;
        if (!ptys.isEmpty()) {
            log.info(PtyReport.format(ptys));
        }
        try {
            PtyReport.writeJson(run.outputDirectory().resolve("ptys.json"), ptys);
        } catch (IOException e) {
            log.warn("Cannot write " + run.outputDirectory().resolve("ptys.json") + ": " + e.getMessage());
        }
        try {
            run.listener().ptysReady(new LinkedHashMap<>(ptys));
        } catch (RuntimeException e) {
            log.warn("pty listener failed: " + e);
        }
    }

    private void pumpStdout(InputStream in) {
        ConsoleWatcher watcher = new ConsoleWatcher(run.expect(), run.failOn(), run.warning(), transcript, log,
                run.listener(), events::add);
        this.watcher = watcher;
        byte[] buffer = new byte[8192];
        boolean logWritable = true;
        try (in) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                lastOutputNanos = System.nanoTime();
                if (logWritable) {
                    logWritable = appendToConsoleLog(buffer, n);
                }
                watcher.accept(buffer, 0, n);
            }
        } catch (IOException e) {
            log.debug("QEMU stdout: " + e.getMessage());
        }
        watcher.endOfStream();
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

    private static void forwardStdin(OutputStream toQemu) {
        byte[] buffer = new byte[1024];
        try {
            for (int n = System.in.read(buffer); n >= 0; n = System.in.read(buffer)) {
                toQemu.write(buffer, 0, n);
                toQemu.flush();
            }
        } catch (IOException qemuGone) {
            // nothing left to forward to
        }
    }

    private void shutDown() {
        boolean interrupted = Thread.interrupted();
        try {
            if (qmpConnector != null) {
                qmpConnector.interrupt();
                joinBriefly(qmpConnector);
            }
            for (SupervisorEvent pending = events.poll(); pending != null; pending = events.poll()) {
                if (pending instanceof QmpReady ready) {
                    closeQuietly(ready.client());
                }
            }
            if (process != null) {
                if (process.isAlive()) {
                    stopQemu();
                }
                closeQuietly(qmp);
                closeQuietly(process.getOutputStream());
                pumps.forEach(GuestSession::joinBriefly);
                removeHook();
            }
            closeQuietly(consoleOut);
            run.pidFile().ifPresent(this::deleteIfExists);
            run.qmpSocket().ifPresent(this::deleteIfExists);
        } finally {
            if (interrupted || interruptedWhileStopping) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopQemu() {
        boolean asked = false;
        if (qmp != null) {
            try {
                qmp.quit();
                asked = true;
            } catch (IOException e) {
                log.debug("QMP quit failed (" + e.getMessage() + "): sending SIGTERM");
            }
        }
        if (!asked) {
            process.destroy();
        }
        if (!waitForExit(STOP_GRACE)) {
            log.warn("QEMU pid " + process.pid() + " did not exit within " + describe(STOP_GRACE) + ": killing it");
            process.destroyForcibly();
            waitForExit(STOP_GRACE);
        }
    }

    /** Waits even when interrupted (the interrupt is restored afterwards): QEMU must be gone. */
    private boolean waitForExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interruptedWhileStopping = true;
            }
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmShuttingDown) {
            // the hook is running or about to: it stops QEMU if we did not
        }
    }

    private static void joinBriefly(Thread thread) {
        try {
            thread.join(THREAD_JOIN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete " + file + ": " + e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort during shutdown
        }
    }

    private static String slashed(Pattern pattern) {
        return "/" + pattern.pattern() + "/";
    }

    static String describe(Duration duration) {
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    /** The earliest of a few System.nanoTime() deadlines. */
    private static final class Deadlines {
        private boolean any;
        private long earliest;

        void consider(long deadline) {
            if (!any || deadline - earliest < 0) {
                earliest = deadline;
            }
            any = true;
        }

        boolean any() {
            return any;
        }

        long nanosUntilEarliest() {
            return Math.max(0, earliest - System.nanoTime());
        }
    }
}
