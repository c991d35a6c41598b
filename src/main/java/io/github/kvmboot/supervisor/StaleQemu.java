package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.process.ProcFs;
import io.github.kvmboot.process.ProcessStopper;

/**
 * A QEMU left running by an earlier run with the same output directory (e.g. its Maven was
 * killed before pdeathsig existed) holds the pidfile lock and the QMP socket: stop it first.
 */
final class StaleQemu {

    private static final ProcessStopper STOPPER = new ProcessStopper(Duration.ofSeconds(5), Duration.ofSeconds(5));

    private StaleQemu() {
    }

    static void stopIfRunning(Path pidFile, BuildLog log) throws KvmbootException, InterruptedException {
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<Long> pid = readPid(pidFile);
        if (pid.isPresent() && ProcFs.isRunning(pid.get()) && isQemuWithPidFile(pid.get(), pidFile)) {
            log.warn("stale QEMU pid " + pid.get() + " from an earlier run with the same output directory: stopping it");
            stop(pid.get());
        } else {
            log.debug("removing stale pidfile " + pidFile + " (no QEMU of ours runs under it)");
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new KvmbootException("Cannot remove the stale pidfile " + pidFile + ": " + e.getMessage(), e);
        }
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    static boolean isQemuWithPidFile(long pid, Path pidFile) {
        Optional<List<String>> argv = ProcFs.commandLine(pid);
        if (argv.isEmpty() || !Paths.get(argv.get().get(0)).getFileName().toString().startsWith("qemu-system-")) {
            return false;
        }
        Path wanted = pidFile.toAbsolutePath().normalize();
        Path cwd = ProcFs.workingDirectory(pid).orElse(Paths.get("/"));
        List<String> args = argv.get();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            if ((arg.equals("-pidfile") || arg.equals("--pidfile")) && i + 1 < args.size()) {
                value = args.get(i + 1);
            } else if (arg.startsWith("-pidfile=") || arg.startsWith("--pidfile=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            }
            if (value != null && cwd.resolve(value).normalize().equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static void stop(long pid) throws KvmbootException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent() && !STOPPER.stop(handle.get())) {
            throw new KvmbootException("Cannot stop the stale QEMU pid " + pid
                    + " (it survived SIGTERM and SIGKILL); stop it by hand and retry");
        }
    }
}
