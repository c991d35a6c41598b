package io.github.kvmboot.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.OptionalLong;

import io.github.kvmboot.ktap.KtapCase;
import io.github.kvmboot.ktap.KtapResults;
import io.github.kvmboot.ktap.KtapStatus;

/**
 * The report of one guest run: a test case per boot stage (QEMU started, kernel entered, init
 * reached, and the final stage), then one per KTAP test.
 *
 * <p>A failed run fails the first stage it did not reach (a panic before init fails "init
 * reached"; once every stage was reached, the final one) and quotes the console excerpt; the
 * stages after it are skipped. In a passed run, a stage whose marker never appeared (a quiet
 * kernel, a run that ended at its expect pattern before init) is skipped, not failed.
 */
public record BootReport(String suiteName, Instant timestamp, RunEnd end, KtapResults ktap, List<ReportCase> cases,
        Map<String, String> properties) {

    /** Bound on the console text in the report, so a console flood cannot blow up CI storage. */
    static final int MAX_OUTPUT_CHARS = 64 * 1024;

    public static final String CRASH_TYPE = "kvmboot.failure";

    public BootReport {
        cases = List.copyOf(cases);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public BootReport(String suiteName, Instant timestamp, RunEnd end, KtapResults ktap, List<ReportCase> cases) {
        this(suiteName, timestamp, end, ktap, cases, Map.of());
    }

    /**
     * The same report with facts about the run for {@code <properties>} and the JSON summary
     * (kernel release, image and sha256, QEMU command line, accelerator, architecture, .config hash).
     */
    public BootReport withProperties(Map<String, String> runProperties) {
        return new BootReport(suiteName, timestamp, end, ktap, cases, runProperties);
    }

    public static BootReport of(String suiteName, Instant timestamp, StageTimes times, List<String> consoleTail,
            RunEnd end, KtapResults ktap) {
        return of(suiteName, timestamp, times, consoleTail, end, ktap, List.of());
    }

    /** The same, with more cases (the suspend cycles) after the stages and before the KTAP tests. */
    static BootReport of(String suiteName, Instant timestamp, StageTimes times, List<String> consoleTail,
            RunEnd end, KtapResults ktap, List<ReportCase> more) {
        List<ReportCase> cases = new ArrayList<>(stages(suiteName + ".boot", times, end));
        int last = cases.size() - 1;
        cases.set(last, cases.get(last).withOutput(boundedTail(consoleTail)));
        cases.addAll(more);
        for (KtapCase c : ktap.cases()) {
            cases.add(ktapCase(suiteName + ".ktap", c));
        }
        return new BootReport(suiteName, timestamp, end, ktap, cases);
    }

    private static List<ReportCase> stages(String className, StageTimes times, RunEnd end) {
        String[] names = {"QEMU started", "kernel entered", "init reached", end.finalStage()};
        OptionalLong[] reached = {times.qemuStarted(), times.kernelEntered(), times.initReached(),
                end.passed() ? OptionalLong.of(end.elapsed().toNanos()) : OptionalLong.empty()};
        long endNanos = Math.max(end.elapsed().toNanos(), lastReached(reached));
        int failedStage = -1;
        if (!end.passed()) {
            failedStage = names.length - 1;
            for (int i = 0; i < names.length - 1; i++) {
                if (reached[i].isEmpty()) {
                    failedStage = i;
                    break;
                }
            }
        }
        List<ReportCase> out = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < names.length; i++) {
            if (failedStage >= 0 && i > failedStage) {
                out.add(new ReportCase(className, names[i], 0, ReportCase.Verdict.SKIPPED,
                        "not reached: the run failed at \"" + names[failedStage] + "\"", "", "", ""));
            } else if (i == failedStage) {
                out.add(new ReportCase(className, names[i], seconds(endNanos - previous), ReportCase.Verdict.FAILED,
                        failureMessage(end), CRASH_TYPE, details(end), ""));
            } else if (reached[i].isPresent()) {
                long at = Math.max(previous, reached[i].getAsLong());
                out.add(ReportCase.passed(className, names[i], seconds(at - previous)));
                previous = at;
            } else {
                out.add(new ReportCase(className, names[i], 0, ReportCase.Verdict.SKIPPED,
                        "not seen on the console before the run ended (" + end.outcome().toLowerCase(Locale.ROOT)
                                + ")", "", "", ""));
            }
        }
        return out;
    }

    private static long lastReached(OptionalLong[] reached) {
        long last = 0;
        for (OptionalLong r : reached) {
            if (r.isPresent()) {
                last = Math.max(last, r.getAsLong());
            }
        }
        return last;
    }

    /** The message's first line, and the console line that caused the failure (marked ">" in the excerpt). */
    private static String failureMessage(RunEnd end) {
        String first = firstLine(end.message()).replaceAll(":$", "");
        for (String line : end.excerpt()) {
            int bar = line.indexOf(" | ");
            if (line.startsWith(">") && bar > 0) {
                return first + ": " + line.substring(bar + 3);
            }
        }
        return first;
    }

    private static String details(RunEnd end) {
        StringBuilder text = new StringBuilder(end.message());
        if (!end.excerpt().isEmpty() && !end.message().contains(end.excerpt().get(end.excerpt().size() - 1))) {
            text.append("\n\nconsole:\n").append(String.join("\n", end.excerpt()));
        }
        return text.toString();
    }

    private static ReportCase ktapCase(String className, KtapCase c) {
        String name = c.fullName();
        String diagnostics = String.join("\n", c.test().diagnostics());
        return switch (c.status()) {
            case PASSED -> ReportCase.passed(className, name, 0);
            case SKIPPED -> new ReportCase(className, name, 0, ReportCase.Verdict.SKIPPED,
                    c.test().directive(), "", "", "");
            case FAILED -> new ReportCase(className, name, 0, ReportCase.Verdict.FAILED,
                    failureMessage(c), "ktap.failed", diagnostics, "");
            case CRASHED -> new ReportCase(className, name, 0, ReportCase.Verdict.ERROR,
                    "crashed: no result line (the kernel crashed, hung or stopped reporting)", "ktap.crashed",
                    diagnostics, "");
        };
    }

    /** The last diagnostic line before the result (KUnit prints the failed expectation there), or "failed". */
    private static String failureMessage(KtapCase c) {
        List<String> diagnostics = c.test().diagnostics();
        for (int i = diagnostics.size() - 1; i >= 0; i--) {
            String line = diagnostics.get(i).strip();
            if (line.startsWith("#") && line.length() > 1) {
                return line.substring(1).strip();
            }
        }
        return c.status() == KtapStatus.FAILED ? "failed" : c.status().name().toLowerCase(Locale.ROOT);
    }

    private static String boundedTail(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (out.length() + line.length() + 1 > MAX_OUTPUT_CHARS) {
                out.insert(0, "[earlier console lines: see console.log]\n");
                break;
            }
            out.insert(0, line + "\n");
        }
        return out.toString();
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static double seconds(long nanos) {
        return Math.max(0, nanos) / 1e9;
    }

    public long count(ReportCase.Verdict verdict) {
        return cases.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** True when the report holds a failed or errored test case. */
    public boolean hasFailures() {
        return count(ReportCase.Verdict.FAILED) + count(ReportCase.Verdict.ERROR) > 0;
    }

    public double seconds() {
        return seconds(end.elapsed().toNanos());
    }
}
