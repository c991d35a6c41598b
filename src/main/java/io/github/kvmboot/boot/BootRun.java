package io.github.kvmboot.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.report.KtapMode;
import io.github.kvmboot.report.ReportFiles;
import io.github.kvmboot.report.RunEnd;
import io.github.kvmboot.report.RunReporter;
import io.github.kvmboot.report.SuspendCycles;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestSupervisor;

/**
 * The boot goal from settings to verdict: plan, supervise, write the JUnit/JSON report (also when
 * the guest failed), and fail on KTAP results. Values for later build steps (pty paths, the ssh
 * port) go to the given publisher.
 */
public final class BootRun {

    private final BuildLog log;
    private final HostEnvironment host;

    public BootRun(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    /**
     * @param executionId            names the report files (null: the default suite name)
     * @param defaultReportsDirectory where reports go unless kvmboot.reportsDirectory says otherwise;
     *                               empty: {@code reports/} in the output directory
     */
    public GuestResult run(ResolvedSettings settings, String executionId, Optional<Path> defaultReportsDirectory,
            BiConsumer<String, String> publisher) throws KvmbootException, InterruptedException {
        GuestListener publishPtys = new GuestListener() {
            @Override
            public void ptysReady(Map<String, String> labelToPath) {
                labelToPath.forEach((label, path) -> publisher.accept("kvmboot.pty." + label, path));
            }
        };
        KtapMode ktapMode = settings.choice(Setting.KTAP, KtapMode.class);
        Optional<SuspendCycles> cycles = SuspendPlanner.requested(settings)
                ? Optional.of(new SuspendCycles(SuspendPlanner.mode(settings), settings.positiveInt(Setting.SUSPEND_CYCLES),
                        publishPtys))
                : Optional.empty();
        RunReporter reporter = new RunReporter(log, ktapMode, ReportFiles.suiteName(executionId), publishPtys, cycles);
        BootPlan plan = new BootPlanner(log, host).plan(settings, reporter.recorder());
        ReportFiles files = ReportFiles.in(settings.optional(Setting.REPORTS_DIRECTORY).map(host::resolve)
                .orElse(defaultReportsDirectory.orElse(plan.guestRun().outputDirectory().resolve("reports"))),
                executionId);
        plan.summary().forEach(log::info);
        reporter.properties(plan.properties());
        plan.sshPort().ifPresent(port -> publisher.accept("kvmboot.ssh.port", Integer.toString(port)));
        plan.gdbPort().ifPresent(port -> publisher.accept("kvmboot.gdb.port", Integer.toString(port)));
        String finalStage = plan.guestRun().commandStatus().isPresent() ? "command finished"
                : plan.guestRun().expect().isPresent() ? "expect matched" : "guest powered off";
        reporter.recorder().start();
        GuestResult result;
        try {
            result = new GuestSupervisor(log).run(plan.guestRun());
        } catch (GuestFailureException raw) {
            GuestFailureException e = new CrashDecoding(log).decorate(raw, plan.guestRun().debugging().vmlinux());
            GuestResult failed = e.result();
            RunEnd end = new RunEnd(false, failed != null ? failed.outcome().name() : "FAILED", finalStage,
                    e.getMessage(), failed != null ? failed.excerpt() : List.of(),
                    failed != null ? failed.elapsed() : Duration.ZERO);
            try {
                reporter.finish(end, files);
            } catch (IOException | RuntimeException reportProblem) {
                log.warn("kvmboot: could not write the report " + files.xml() + ": " + reportProblem.getMessage());
            }
            throw e;
        }
        Optional<String> ktapFailure;
        try {
            ktapFailure = reporter.finish(new RunEnd(true, result.outcome().name(), finalStage, "",
                    result.excerpt(), result.elapsed()), files);
        } catch (IOException e) {
            throw settings.invalid(Setting.REPORTS_DIRECTORY, "cannot write the report there (" + e.getMessage() + ")",
                    "use a writable directory");
        }
        if (ktapFailure.isPresent()) {
            throw new KvmbootException(ktapFailure.get());
        }
        return result;
    }
}
