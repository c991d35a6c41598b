package io.github.kvmboot.install;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.process.ProcFs;

/**
 * Finds the processes that have an image open, to name them when the image is locked: a process
 * holding an open descriptor on the file (its {@code /proc/PID/fd} links), else a QEMU whose command
 * line names the file. Only processes this user may inspect are seen.
 */
public final class LockHolders {

    private static final int MAX_COMMAND_CHARS = 400;

    private final Path proc;

    public LockHolders() {
        this(Paths.get("/proc"));
    }

    LockHolders(Path proc) {
        this.proc = proc;
    }

    /** "pid N: command line" for every process found holding the image, this JVM excluded. */
    public List<String> describe(Path image) {
        Path real;
        try {
            real = image.toRealPath();
        } catch (IOException e) {
            real = image.toAbsolutePath().normalize();
        }
        List<String> holders = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path dir : pids) {
                String pid = dir.getFileName().toString();
                if (pid.equals(Long.toString(self))) {
                    continue;
                }
                Optional<String> command = commandLine(dir);
                if (command.isEmpty()) {
                    continue;
                }
                if (hasOpen(dir, real) || isQemuNaming(command.get(), image, real)) {
                    holders.add("pid " + pid + ": " + shorten(command.get()));
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to name
        }
        return holders;
    }

    private static boolean hasOpen(Path processDir, Path real) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(processDir.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(real)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            // not ours to inspect, or gone
        }
        return false;
    }

    private static boolean isQemuNaming(String command, Path image, Path real) {
        String program = command.split(" ", 2)[0];
        return program.contains("qemu-system")
                && (command.contains(real.toString()) || command.contains(image.toString()));
    }

    private static Optional<String> commandLine(Path processDir) {
        return ProcFs.commandLine(processDir).map(argv -> String.join(" ", argv).trim()).filter(t -> !t.isEmpty());
    }

    private static String shorten(String command) {
        return command.length() <= MAX_COMMAND_CHARS ? command : command.substring(0, MAX_COMMAND_CHARS) + " ...";
    }
}
