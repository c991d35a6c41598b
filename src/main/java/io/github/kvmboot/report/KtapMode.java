package io.github.kvmboot.report;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.github.kvmboot.ktap.KtapCase;
import io.github.kvmboot.ktap.KtapResults;

/** What {@code kvmboot.ktap} does with KTAP results on the console. */
public enum KtapMode {
    /** Parse and report; fail the build when a test failed or crashed. */
    AUTO,
    /** Like AUTO, and also fail when no KTAP output appeared (a kernel built without the tests). */
    FAIL,
    /** Parse and report, never fail the build for test results. */
    REPORT,
    /** Do not parse. */
    OFF;

    private static final int LISTED = 20;

    public boolean parses() {
        return this != OFF;
    }

    /** The build failure message for these results, if this mode fails the build for them. */
    public Optional<String> buildFailure(KtapResults results) {
        if (this == REPORT || this == OFF) {
            return Optional.empty();
        }
        if (results.isEmpty()) {
            return this == FAIL ? Optional.of("KTAP: no KTAP output on the console (kvmboot.ktap=fail);"
                    + " is the kernel built with CONFIG_KUNIT and test suites (=y)?") : Optional.empty();
        }
        List<KtapCase> bad = results.badCases();
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        String listed = bad.stream().limit(LISTED)
                .map(c -> "  " + c.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + c.fullName())
                .collect(Collectors.joining("\n"));
        String more = bad.size() > LISTED ? "\n  ... and " + (bad.size() - LISTED) + " more" : "";
        return Optional.of("KTAP: " + bad.size() + " of " + results.counts().total() + " tests failed or crashed ("
                + results.counts() + "):\n" + listed + more
                + "\n(details in the kvmboot report; kvmboot.ktap=report reports without failing the build)");
    }
}
