package io.github.kvmboot.supervisor;

import io.github.kvmboot.process.HelperProcess;
import io.github.kvmboot.qemu.QemuOptions;
import io.github.kvmboot.qemu.qmp.QmpSocketPaths;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One QEMU run to supervise.
 *
 * @param command         full argv, {@code command.get(0)} = the QEMU binary; never run through a shell
 * @param outputDirectory console.log and ptys.json are written here (created when missing)
 * @param expect          success when seen on the console (also on an unfinished line, e.g. a prompt)
 * @param failOn          failure when seen on a console line
 * @param timeout         {@link Duration#ZERO} = none
 * @param qmpSocket       when present, the command contains a QMP server on this unix socket
 * @param pidFile         when present, the command contains {@code -pidfile <it>}; used to stop a stale QEMU
 * @param forwardStdin    copy {@code System.in} to QEMU's stdin (the caller decides: only with a terminal)
 * @param listener        callbacks, {@link GuestListener#NONE} for none
 * @param noOutputTimeout fail when the console is silent this long; {@link Duration#ZERO} = never
 * @param warning         console lines counted (and reported) as kernel warnings
 * @param commandStatus   when present, QEMU writes the guest's status port to this file and the run
 *                        passes only when the guest reports a command exit code 0 there (see
 *                        {@link io.github.kvmboot.statusport.StatusReport}); the file is deleted before QEMU starts
 * @param power           how a guest that suspends is treated ({@link PowerSettings#NONE}: logged, never woken)
 * @param debugging       gdb stub and memory dump handling, {@link Debugging#NONE} for none
 * @param helpers         daemons started (in order) before QEMU and stopped with it (virtiofsd)
 */
public record GuestRun(List<String> command, Path outputDirectory, Optional<Pattern> expect,
        Optional<Pattern> failOn, Duration timeout, Optional<Path> qmpSocket, Optional<Path> pidFile,
        boolean forwardStdin, GuestListener listener, Duration noOutputTimeout, Optional<Pattern> warning,
        Optional<Path> commandStatus, PowerSettings power, Debugging debugging, List<HelperProcess.Spec> helpers) {

    /** A run that neither suspends nor is debugged, without helper daemons. */
    public GuestRun(List<String> command, Path outputDirectory, Optional<Pattern> expect, Optional<Pattern> failOn,
            Duration timeout, Optional<Path> qmpSocket, Optional<Path> pidFile, boolean forwardStdin,
            GuestListener listener, Duration noOutputTimeout, Optional<Pattern> warning, Optional<Path> commandStatus) {
        this(command, outputDirectory, expect, failOn, timeout, qmpSocket, pidFile, forwardStdin, listener,
                noOutputTimeout, warning, commandStatus, PowerSettings.NONE, Debugging.NONE, List.of());
    }

    public GuestRun {
        helpers = List.copyOf(helpers);
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty QEMU command");
        }
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(failOn, "failOn");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative timeout: " + timeout);
        }
        Objects.requireNonNull(qmpSocket, "qmpSocket");
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(noOutputTimeout, "noOutputTimeout");
        if (noOutputTimeout.isNegative()) {
            throw new IllegalArgumentException("negative noOutputTimeout: " + noOutputTimeout);
        }
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(commandStatus, "commandStatus");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(debugging, "debugging");
    }

    /** The same run with this suspend handling. */
    public GuestRun withPower(PowerSettings settings) {
        return new GuestRun(command, outputDirectory, expect, failOn, timeout, qmpSocket, pidFile, forwardStdin,
                listener, noOutputTimeout, warning, commandStatus, settings, debugging, helpers);
    }

    /** The same run with these debugging aids. */
    public GuestRun withDebugging(Debugging aids) {
        return new GuestRun(command, outputDirectory, expect, failOn, timeout, qmpSocket, pidFile, forwardStdin,
                listener, noOutputTimeout, warning, commandStatus, power, aids, helpers);
    }

    /**
     * The same run for a guest that outlives its goal (kvmboot:start): no timeout of the run's own
     * (start bounds its wait itself), no console input; everything else, helpers and power and
     * debugging handling included, kept.
     */
    public GuestRun inBackground() {
        return new GuestRun(command, outputDirectory, expect, failOn, Duration.ZERO, qmpSocket, pidFile, false,
                listener, noOutputTimeout, warning, commandStatus, power, debugging, helpers);
    }

    /** This run with {@code more} helper daemons started before QEMU. */
    public GuestRun withHelpers(List<HelperProcess.Spec> more) {
        List<HelperProcess.Spec> all = new java.util.ArrayList<>(helpers);
        all.addAll(more);
        return new GuestRun(command, outputDirectory, expect, failOn, timeout, qmpSocket, pidFile, forwardStdin,
                listener, noOutputTimeout, warning, commandStatus, power, debugging, all);
    }

    /**
     * The QMP socket for other processes (kvmboot:qmp, kvmboot:wakeup), beside {@link #qmpSocket},
     * when the command serves one (a planned boot does; a hand-written command may not).
     */
    public Optional<Path> controlSocket() {
        return qmpSocket.map(QmpSocketPaths::controlSocket)
                .filter(control -> command.stream().anyMatch(arg -> arg.contains(QemuOptions.escape(control.toString()))));
    }
}
