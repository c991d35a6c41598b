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

/**
 * One guest's plan with its JUnit/JSON report: planned with the recorder listening, written once
 * the guest's life ended (passed or failed). Boot writes it when its run ends; start plans it and
 * stop writes it, so the report covers the whole life of the guest.
 */
public final class GuestReport {

    private final ResolvedSettings settings;
    private final BuildLog log;
    private final RunReporter reporter;
    private final BootPlan plan;
    private final ReportFiles files;
    private final String finalStage;

    private GuestReport(ResolvedSettings settings, BuildLog log, RunReporter reporter, BootPlan plan,
            ReportFiles files, String finalStage) {
        this.settings = settings;
        this.log = log;
        this.reporter = reporter;
        this.plan = plan;
        this.files = files;
        this.finalStage = finalStage;
    }

    /**
     * Plans the guest; pty paths and forwarded ports go to {@code publisher} (as {@code kvmboot.pty.*},
     * {@code kvmboot.ssh.port}, {@code kvmboot.port.<guestPort>}).
     *
     * @param executionId            names the report files (null: the default suite name)
     * @param defaultReportsDirectory where reports go unless kvmboot.reportsDirectory says otherwise;
     *                               empty: {@code reports/} in the output directory
     */
    public static GuestReport plan(ResolvedSettings settings, BuildLog log, HostEnvironment host, String executionId,
            Optional<Path> defaultReportsDirectory, BiConsumer<String, String> publisher)
            throws KvmbootException, InterruptedException {
        GuestListener publishPtys = new GuestListener() {
            @Override
            public void ptysReady(Map<String, String> labelToPath) {
                labelToPath.forEach((label, path) -> publisher.accept("kvmboot.pty." + label, path));
            }
        };
        Optional<SuspendCycles> cycles = SuspendPlanner.requested(settings)
                ? Optional.of(new SuspendCycles(SuspendPlanner.mode(settings), settings.positiveInt(Setting.SUSPEND_CYCLES),
                        publishPtys))
                : Optional.empty();
        RunReporter reporter = new RunReporter(log, settings.choice(Setting.KTAP, KtapMode.class),
                ReportFiles.suiteName(executionId), publishPtys, cycles);
        BootPlan plan = new BootPlanner(log, host).plan(settings, reporter.recorder());
        ReportFiles files = ReportFiles.in(settings.optional(Setting.REPORTS_DIRECTORY).map(host::resolve)
                .orElse(defaultReportsDirectory.orElse(plan.guestRun().outputDirectory().resolve("reports"))),
                executionId);
        plan.summary().forEach(log::info);
        reporter.properties(plan.properties());
        plan.sshPort().ifPresent(port -> publisher.accept("kvmboot.ssh.port", Integer.toString(port)));
        plan.gdbPort().ifPresent(port -> publisher.accept("kvmboot.gdb.port", Integer.toString(port)));
        plan.forwards().forEach(f -> publisher.accept("kvmboot.port." + f.guestPort(), Integer.toString(f.hostPort())));
        String finalStage = plan.guestRun().commandStatus().isPresent() ? "command finished"
                : plan.guestRun().expect().isPresent() ? "expect matched" : "guest powered off";
        reporter.recorder().start();
        return new GuestReport(settings, log, reporter, plan, files, finalStage);
    }

    public BootPlan plan() {
        return plan;
    }

    /** Writes the report of a failed life (a report problem is only warned about), then returns {@code e}. */
    public GuestFailureException failed(GuestFailureException raw) throws InterruptedException {
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
        return e;
    }

    /** Writes the report of a life that passed; fails on KTAP results as kvmboot.ktap says. */
    public GuestResult passed(GuestResult result) throws KvmbootException {
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
