package io.github.kvmboot.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Facts about other processes, read from /proc (Linux). The one reader of {@code /proc/<pid>/cmdline}. */
public final class ProcFs {

    private static final Path PROC = Paths.get("/proc");

    private ProcFs() {
    }

    /** True while the process exists and is not a zombie (exited, waiting to be reaped). */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // "pid (comm) S ...": comm may contain spaces and parentheses, the state follows the last ')'
            int afterComm = stat.lastIndexOf(')');
            return afterComm < 0 || stat.length() < afterComm + 3 || stat.charAt(afterComm + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    /** The argv of a process; empty when it is gone, not ours to read, or a kernel thread. */
    public static Optional<List<String>> commandLine(long pid) {
        return commandLine(PROC.resolve(Long.toString(pid)));
    }

    /** The argv from {@code processDirectory/cmdline} (a {@code /proc/<pid>} directory). */
    public static Optional<List<String>> commandLine(Path processDirectory) {
        try {
            byte[] raw = Files.readAllBytes(processDirectory.resolve("cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8);
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            return text.isEmpty() ? Optional.empty() : Optional.of(Arrays.asList(text.split("\0", -1)));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    public static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd")));
        } catch (IOException | UnsupportedOperationException unknown) {
            return Optional.empty();
        }
    }
}
