package io.github.kvmboot.report;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.kvmboot.ktap.KtapParser;
import io.github.kvmboot.ktap.KtapResults;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;

/**
 * One run's reporting: the recorder to pass to the supervisor, then, once the run ended (passed or
 * failed), the report files and the KTAP verdict.
 */
public final class RunReporter {

    static final int CONSOLE_TAIL_LINES = 400;

    private final BuildLog log;
    private final KtapMode mode;
    private final String suiteName;
    private final BootRecorder recorder;
    private final Optional<SuspendCycles> cycles;
    private Supplier<Map<String, String>> properties = Map::of;

    public RunReporter(BuildLog log, KtapMode mode, String suiteName, GuestListener next) {
        this(log, mode, suiteName, next, Optional.empty());
    }

    /** @param cycles the run's suspend cycles (a listener passing on to {@code next}), reported as test cases */
    public RunReporter(BuildLog log, KtapMode mode, String suiteName, GuestListener next,
            Optional<SuspendCycles> cycles) {
        this.log = log;
        this.mode = mode;
        this.suiteName = suiteName;
        this.cycles = cycles;
        this.recorder = new BootRecorder(cycles.<GuestListener>map(c -> c).orElse(next),
                mode.parses() ? Optional.of(new KtapParser()) : Optional.empty(), CONSOLE_TAIL_LINES);
    }

    public BootRecorder recorder() {
        return recorder;
    }

    /** Facts about the run for the report's {@code <properties>} and the JSON summary, read when it is written. */
    public void properties(Supplier<Map<String, String>> runProperties) {
        this.properties = runProperties;
    }

    /**
     * Writes the XML report and JSON summary and logs a one-line summary.
     *
     * @return the build failure message for the KTAP results, if {@code kvmboot.ktap} fails the build for
     *         them, or for suspend cycles that failed
     */
    public Optional<String> finish(RunEnd end, ReportFiles files) throws IOException {
        KtapResults ktap = recorder.ktap().map(KtapParser::finish).orElseGet(() -> new KtapParser().finish());
        BootReport report = BootReport.of(suiteName, Instant.now(), recorder.stageTimes(), recorder.consoleTail(),
                end, ktap, cycles.map(c -> c.cases(suiteName + ".suspend")).orElse(List.of()))
                .withProperties(new LinkedHashMap<>(properties.get())); // in the order given
        files.write(report);
        log.info("kvmboot: report " + files.xml() + (ktap.isEmpty() ? "" : " (KTAP: " + ktap.counts() + ")"));
        cycles.ifPresent(c -> log.info("kvmboot: " + c.summary()));
        Optional<String> ktapFailure = mode.buildFailure(ktap);
        return ktapFailure.isPresent() ? ktapFailure : cycles.flatMap(SuspendCycles::failure);
    }
}
