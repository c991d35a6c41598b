package io.github.kvmboot.report;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the guest run ended, as the report needs it (built by the goal from the supervisor's
 * result, so the report does not depend on the supervisor's types).
 *
 * @param passed     the run met its goal (expect matched, guest powered off, command exited 0)
 * @param outcome    short machine name of how it ended, e.g. {@code EXPECT_MATCHED}, {@code FAIL_PATTERN}
 * @param finalStage name of the last stage, e.g. {@code expect matched}, {@code guest powered off},
 *                   {@code command finished}
 * @param message    the failure message (empty when passed)
 * @param excerpt    console lines explaining the outcome (the crash), may be empty
 * @param elapsed    QEMU's run time
 */
public record RunEnd(boolean passed, String outcome, String finalStage, String message, List<String> excerpt,
        Duration elapsed) {

    public RunEnd {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(finalStage, "finalStage");
        Objects.requireNonNull(message, "message");
        excerpt = List.copyOf(excerpt);
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
