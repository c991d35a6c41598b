package io.github.kvmboot.boot;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestSupervisor;

/**
 * The boot goal from settings to verdict: plan, supervise, write the JUnit/JSON report (also when
 * the guest failed), and fail on KTAP results ({@link GuestReport}). Values for later build steps
 * (pty paths, forwarded ports) go to the given publisher.
 */
public final class BootRun {

    private final BuildLog log;
    private final HostEnvironment host;

    public BootRun(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    /** See {@link GuestReport#plan} for the parameters. */
    public GuestResult run(ResolvedSettings settings, String executionId, Optional<Path> defaultReportsDirectory,
            BiConsumer<String, String> publisher) throws KvmbootException, InterruptedException {
        GuestReport report = GuestReport.plan(settings, log, host, executionId, defaultReportsDirectory, publisher);
        GuestResult result;
        try {
            result = new GuestSupervisor(log).run(report.plan().guestRun());
        } catch (GuestFailureException e) {
            throw report.failed(e);
        }
        return report.passed(result);
    }
}
