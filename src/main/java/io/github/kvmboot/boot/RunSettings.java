package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;

/** Where and how the supervisor watches a run, common to every plan. */
record RunSettings(Path outputDirectory, Duration timeout, Optional<Pattern> expect, Optional<Pattern> failOn,
        Duration noOutputTimeout) {

    /** A kernel WARN splat ("WARNING: CPU: 0 PID: 1 at ..."; older kernels "WARNING: at ..."), not any "WARNING:" text. */
    static final String KERNEL_WARNING = "WARNING: (?:CPU: \\d+ PID: \\d+ at|at) ";

    static RunSettings of(ResolvedSettings s, HostEnvironment host) throws SettingException {
        Path outputDirectory = s.optional(OUTPUT_DIRECTORY).map(host::resolve).orElse(host.defaultOutputDirectory());
        return new RunSettings(outputDirectory, Duration.ofSeconds(s.nonNegativeSeconds(TIMEOUT)), s.regex(EXPECT),
                s.regex(FAIL_ON), Duration.ofSeconds(s.nonNegativeSeconds(NO_OUTPUT_TIMEOUT)));
    }

    /** The same run also failing on kernel warnings (kvmboot.failOnWarning). */
    RunSettings failingOnKernelWarnings() {
        return new RunSettings(outputDirectory, timeout, expect,
                Optional.of(Pattern.compile(failOn.map(p -> "(?:" + p.pattern() + ")|").orElse("") + KERNEL_WARNING)),
                noOutputTimeout);
    }

    /** Console lines counted (and reported) as kernel warnings. */
    static Optional<Pattern> warning() {
        return Optional.of(Pattern.compile(KERNEL_WARNING));
    }
}
