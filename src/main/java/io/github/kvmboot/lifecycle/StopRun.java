package io.github.kvmboot.lifecycle;

import static io.github.kvmboot.config.Setting.KEEP_RUNNING;
import static io.github.kvmboot.config.Setting.OUTPUT_DIRECTORY;
import static io.github.kvmboot.config.Setting.STOP_TIMEOUT;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.process.HelperProcess;
import io.github.kvmboot.process.ProcessStopper;
import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestRecord;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.Outcome;

/**
 * The stop goal: stops the guests this build started (kvmboot.name: that one; else every guest
 * under the output directory), gracefully (ACPI power-down, kvmboot.stopTimeout, then quit/kill),
 * writes each one's report over its whole life, and fails when a guest crashed, panicked, hit a
 * fail pattern or ended before it was stopped. A guest started by another Maven (found by its
 * {@code guest.json}) is stopped the same way, with its helper daemons, but its console was judged
 * by nobody. With kvmboot.keepRunning, a guest started with it too is judged but left running.
 */
public final class StopRun {

    private final BuildLog log;
    private final HostEnvironment host;

    public StopRun(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    public void stop(ResolvedSettings s) throws KvmbootException, InterruptedException {
        Duration grace = Duration.ofSeconds(s.nonNegativeSeconds(STOP_TIMEOUT));
        boolean keepRunning = s.flag(KEEP_RUNNING);
        Optional<GuestName> named = GuestName.named(s, host);
        Path base = GuestName.base(s, host);
        List<Path> directories = named.map(n -> List.of(n.directory())).orElseGet(() -> candidates(base));
        List<String> failures = new ArrayList<>();
        int stopped = 0;
        for (Path directory : directories) {
            Optional<StartedGuests.Started> started = StartedGuests.take(directory);
            if (started.isPresent() && keepRunning && started.get().guest().detachable()) {
                stopped++;
                leaveRunning(started.get(), s).ifPresent(failures::add);
            } else if (started.isPresent()) {
                stopped++;
                if (keepRunning) {
                    log.warn("kvmboot: kvmboot.keepRunning is set for stop but was not for start: guest '"
                            + started.get().name().name() + "' runs tied to this Maven and is stopped now (set it"
                            + " for both, e.g. with -Dkvmboot.keepRunning)");
                }
                stopSupervised(started.get(), grace).ifPresent(failures::add);
            } else if (keepRunning && isRecorded(directory)) {
                stopped++;
                log.info("kvmboot: kvmboot.keepRunning: leaving the guest in " + directory + " running");
            } else if (stopRecorded(directory, grace)) {
                stopped++;
            }
        }
        if (stopped == 0) {
            // not a failure: a skipped or failed start already said why, and stop must not hide it
            log.warn("kvmboot: no started guest to stop " + named.map(n -> "named '" + n.name() + "' in " + n.directory())
                    .orElse("under " + base) + " (start it with kvmboot:start; kvmboot.name picks one)");
        }
        if (!failures.isEmpty()) {
            throw new KvmbootException(String.join("\n", failures));
        }
    }

    /** @return the failure message, when the guest's life failed */
    private Optional<String> stopSupervised(StartedGuests.Started started, Duration grace)
            throws KvmbootException, InterruptedException {
        String name = started.name().name();
        boolean endedBefore = !started.guest().isRunning();
        try {
            GuestResult result = started.guest().stop(grace);
            if (endedBefore && result.outcome() != Outcome.STOPPED) {
                GuestFailureException early = new GuestFailureException("Guest '" + name + "' ended (" + result.outcome()
                        + ", QEMU exit code " + result.exitCode() + ") before kvmboot:stop; its console is in "
                        + result.consoleLog() + ":\n" + String.join("\n", result.excerpt()), result);
                return Optional.of(started.report().failed(early).getMessage());
            }
            started.report().passed(result);
            log.info("kvmboot: guest '" + name + "' stopped after " + result.elapsed().toSeconds() + " s, no failure seen");
            return Optional.empty();
        } catch (GuestFailureException e) {
            return Optional.of("Guest '" + name + "': " + started.report().failed(e).getMessage());
        }
    }

    /** kvmboot.keepRunning: the life so far judged and reported, the guest left up; how to reach and stop it. */
    private Optional<String> leaveRunning(StartedGuests.Started started, ResolvedSettings s)
            throws KvmbootException, InterruptedException {
        String name = started.name().name();
        try {
            GuestResult result = started.guest().detach();
            if (result.outcome() != Outcome.LEFT_RUNNING) {
                GuestFailureException early = new GuestFailureException("Guest '" + name + "' ended (" + result.outcome()
                        + ", QEMU exit code " + result.exitCode() + ") before kvmboot:stop; its console is in "
                        + result.consoleLog() + ":\n" + String.join("\n", result.excerpt()), result);
                return Optional.of(started.report().failed(early).getMessage());
            }
            started.report().passed(result);
        } catch (GuestFailureException e) {
            return Optional.of("Guest '" + name + "': " + started.report().failed(e).getMessage());
        }
        log.info(KeptGuest.howToReach(started.name(), s.optional(OUTPUT_DIRECTORY).map(o -> GuestName.base(s, host))));
        return Optional.empty();
    }

    private static boolean isRecorded(Path directory) {
        try {
            return GuestRecord.find(directory).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** A guest recorded in {@code directory} by another process: powered down, then quit or killed. */
    private boolean stopRecorded(Path directory, Duration grace) throws InterruptedException {
        Optional<GuestRecord> record;
        try {
            record = GuestRecord.find(directory);
        } catch (IOException e) {
            log.warn("kvmboot: cannot read " + GuestRecord.file(directory) + ": " + e.getMessage());
            return false;
        }
        if (record.isEmpty()) {
            return false;
        }
        Optional<ProcessHandle> qemu = ProcessHandle.of(record.get().pid());
        log.info("kvmboot: stopping QEMU pid " + record.get().pid() + " of " + directory
                + " (started by another Maven run: its console, " + record.get().consoleLog() + ", was not judged here)");
        boolean asked = false;
        try (QmpClient qmp = record.get().connect(Duration.ofSeconds(5))) {
            qmp.execute("system_powerdown");
            asked = true;
        } catch (IOException e) {
            log.debug("QMP system_powerdown failed: " + e.getMessage());
        }
        if (qemu.isPresent()) {
            new ProcessStopper(asked ? grace : Duration.ofSeconds(5), Duration.ofSeconds(5)).stop(qemu.get(), asked, null);
        }
        record.get().helpers().forEach(h -> HelperProcess.stopRecorded(h.pid(), h.socket()));
        KeptGuest.deleteRecordFiles(directory, record.get());
        log.info("kvmboot: stopped the guest in " + directory);
        return true;
    }

    /** Every guest directory under {@code base}: started in this JVM or recorded by another process. */
    private static List<Path> candidates(Path base) {
        List<Path> found = new ArrayList<>(StartedGuests.under(base));
        try (DirectoryStream<Path> children = Files.newDirectoryStream(base, Files::isDirectory)) {
            for (Path child : children) {
                if (!found.contains(child) && Files.exists(GuestRecord.file(child))) {
                    found.add(child);
                }
            }
        } catch (IOException noBase) {
            // nothing recorded there
        }
        return found;
    }
}
