package io.github.kvmboot.lifecycle;

import static io.github.kvmboot.config.Setting.KEEP_RUNNING;
import static io.github.kvmboot.config.Setting.OUTPUT_DIRECTORY;
import static io.github.kvmboot.config.Setting.TIMEOUT;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.GuestReport;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.log.Durations;
import io.github.kvmboot.qemu.PortForward;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestRecord;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.GuestSupervisor;
import io.github.kvmboot.supervisor.RunningGuest;
import io.github.kvmboot.supervisor.RunningGuests;

/**
 * The start goal: plans the guest as boot does, in its own {@code <outputDirectory>/<name>},
 * starts it so that it outlives the goal, and returns once kvmboot.waitFor holds (bounded by
 * kvmboot.timeout; a guest not ready by then is stopped before the goal fails). Forwarded ports go
 * to the publisher and to {@code ports.properties}. The fail patterns and pvpanic stay armed until stop.
 */
public final class StartRun {

    static final Duration STOP_AFTER_FAILED_START = Duration.ofSeconds(5);

    private final BuildLog log;
    private final HostEnvironment host;

    public StartRun(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    /** See {@link GuestReport#plan} for the parameters; {@code executionId} also names the guest. */
    public void start(ResolvedSettings given, String executionId, Optional<Path> defaultReportsDirectory,
            BiConsumer<String, String> publisher) throws KvmbootException, InterruptedException {
        GuestName name = GuestName.of(given, host, executionId);
        requireNoGuestIn(name);
        ResolvedSettings settings = given.withDerivedValue(OUTPUT_DIRECTORY, name.directory().toString());
        GuestReport report = GuestReport.plan(settings, log, host, executionId, defaultReportsDirectory, publisher);
        List<WaitFor> conditions = WaitFor.parse(settings, report.plan());
        GuestRun planned = report.plan().guestRun();
        // start enforces the timeout itself, for the wait only: the guest then runs until stop
        GuestRun run = planned.inBackground();
        Duration timeout = Duration.ofSeconds(settings.nonNegativeSeconds(TIMEOUT));
        long startNanos = System.nanoTime();
        boolean keepRunning = settings.flag(KEEP_RUNNING);
        GuestSupervisor supervisor = new GuestSupervisor(new GuestLog(log, name.name()));
        RunningGuest guest = keepRunning ? supervisor.startDetachable(run) : supervisor.start(run);
        Optional<WaitFor> missing;
        try {
            missing = new Readiness(guest, timeout).await(run.expect(), conditions);
        } catch (GuestFailureException e) {
            throw report.failed(e);
        } catch (KvmbootException | InterruptedException | RuntimeException e) {
            stopQuietly(guest);
            throw e;
        }
        if (missing.isPresent()) {
            stopQuietly(guest);
            throw settings.invalid(TIMEOUT, "guest '" + name.name() + "' was not ready within "
                    + Durations.describe(timeout) + ": still waiting for " + missing.get() + " (console: "
                    + run.outputDirectory().resolve("console.log") + "); the guest was stopped",
                    "raise kvmboot.timeout, or check kvmboot.waitFor and what the guest runs");
        }
        writePorts(name, report.plan().forwards());
        StartedGuests.add(new StartedGuests.Started(name, guest, report));
        log.info("kvmboot: guest '" + name.name() + "' ready after "
                + Durations.describe(Duration.ofNanos(System.nanoTime() - startNanos)) + " (" + conditions
                + "); it runs until kvmboot:stop, output in " + name.directory());
        if (keepRunning) {
            log.info("kvmboot: kvmboot.keepRunning: guest '" + name.name() + "' is not tied to this Maven; it runs on"
                    + " after the build (also when the build fails or is killed) until mvn kvmboot:stop -Dkvmboot.name="
                    + name.name() + " in " + host.basedir());
        }
    }

    private static void requireNoGuestIn(GuestName name) throws KvmbootException {
        boolean running;
        try {
            running = RunningGuests.find(name.directory()).isPresent() || GuestRecord.find(name.directory()).isPresent();
        } catch (IOException e) {
            running = false;
        }
        if (running) {
            throw new KvmbootException("A guest named '" + name.name() + "' already runs in " + name.directory()
                    + ": stop it first (mvn kvmboot:stop -Dkvmboot.name=" + name.name()
                    + ") or give this start another kvmboot.name");
        }
    }

    private void stopQuietly(RunningGuest guest) {
        try {
            guest.stop(STOP_AFTER_FAILED_START);
        } catch (KvmbootException e) {
            log.debug("stopping the guest that was not ready: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writePorts(GuestName name, List<PortForward> forwards) throws KvmbootException {
        Properties ports = new Properties();
        forwards.forEach(f -> ports.setProperty("kvmboot.port." + f.guestPort(), Integer.toString(f.hostPort())));
        Path file = name.directory().resolve("ports.properties");
        try (Writer out = Files.newBufferedWriter(file)) {
            ports.store(out, "host ports on 127.0.0.1 forwarded to guest '" + name.name() + "'");
        } catch (IOException e) {
            throw new KvmbootException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
