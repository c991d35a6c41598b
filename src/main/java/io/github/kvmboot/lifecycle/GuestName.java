package io.github.kvmboot.lifecycle;

import static io.github.kvmboot.config.Setting.NAME;
import static io.github.kvmboot.config.Setting.OUTPUT_DIRECTORY;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;

/**
 * Which started guest: kvmboot.name, else the start execution's id. Each guest runs in its own
 * {@code <outputDirectory>/<name>}, so several start executions (and modules built with -T) never
 * share a console log, QMP socket, pid file or report, and a later stop finds it there.
 */
record GuestName(String name, Path directory) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    static final String COMMAND_LINE_EXECUTION = "default-cli";

    /** kvmboot.name or {@code executionId}; for start, which always names its guest. */
    static GuestName of(ResolvedSettings s, HostEnvironment host, String executionId) throws SettingException {
        return named(s, host).orElse(checked(s, host, executionId != null ? executionId : COMMAND_LINE_EXECUTION));
    }

    /** kvmboot.name when given: stop and qmp without one consider every guest under the output directory. */
    static Optional<GuestName> named(ResolvedSettings s, HostEnvironment host) throws SettingException {
        Optional<String> given = s.optional(NAME).map(String::trim);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (!SAFE.matcher(given.get()).matches()) {
            throw s.invalid(NAME, "a guest name becomes a directory name", "use letters, digits, '.', '_' and '-'");
        }
        return Optional.of(new GuestName(given.get(), base(s, host).resolve(given.get())));
    }

    /** The directory holding every started guest's directory. */
    static Path base(ResolvedSettings s, HostEnvironment host) {
        return s.optional(OUTPUT_DIRECTORY).map(host::resolve).orElse(host.defaultOutputDirectory())
                .toAbsolutePath().normalize();
    }

    private static GuestName checked(ResolvedSettings s, HostEnvironment host, String executionId) {
        String name = SAFE.matcher(executionId).matches() ? executionId : executionId.replaceAll("[^A-Za-z0-9._-]", "_");
        return new GuestName(name, base(s, host).resolve(name));
    }
}
