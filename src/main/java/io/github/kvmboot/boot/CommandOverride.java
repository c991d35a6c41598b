package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.Source;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestRun;

/** kvmboot.command: the user's whole QEMU command line, supervised as given (no QMP, no pid file). */
final class CommandOverride {

    private final BuildLog log;
    private final HostEnvironment host;

    CommandOverride(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    static boolean requested(ResolvedSettings s) {
        return s.optional(COMMAND).isPresent();
    }

    BootPlan plan(ResolvedSettings s, RunSettings run, GuestListener listener) throws SettingException {
        List<String> command = command(s);
        List<String> summary = List.of("kvmboot: running the command from " + s.get(COMMAND).origin() + " as given");
        return new BootPlan(new GuestRun(command, run.outputDirectory(), run.expect(), run.failOn(), run.timeout(),
                Optional.empty(), Optional.empty(), host.terminalAttached(), listener, run.noOutputTimeout(),
                RunSettings.warning(), Optional.empty()), summary);
    }

    private List<String> command(ResolvedSettings s) throws SettingException {
        List<String> command = new ArrayList<>(UserArguments.split(s, COMMAND));
        if (command.isEmpty()) {
            throw s.invalid(COMMAND, "is empty", "give the whole QEMU command line, or unset it");
        }
        String program = command.get(0);
        Path binary = host.findExecutable(program).orElseThrow(() -> s.invalid(COMMAND,
                "its program '" + program + "' is not an executable file or on PATH",
                "start the command with the QEMU binary, e.g. qemu-system-x86_64 -kernel ..."));
        command.set(0, binary.toString());
        for (Setting ignored : List.of(KERNEL, LATEST, TARGET, NEXT_TARGET, APPEND, MEMORY, CPUS, ACCEL)) {
            if (s.get(ignored).isSet() && s.get(ignored).source() != Source.DEFAULT) {
                log.warn("kvmboot: " + ignored.canonicalProperty() + " (" + s.get(ignored).origin()
                        + ") is ignored: kvmboot.command gives the whole QEMU command line");
            }
        }
        return command;
    }
}
