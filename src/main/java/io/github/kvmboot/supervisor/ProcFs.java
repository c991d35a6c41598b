package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Facts about other processes, read from /proc (Linux). */
final class ProcFs {

    private ProcFs() {
    }

    /** True while the process exists and is not a zombie (exited, waiting to be reaped). */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": comm may contain spaces and parentheses, the state follows the last ')'
            int afterComm = stat.lastIndexOf(')');
            return afterComm < 0 || stat.length() < afterComm + 3 || stat.charAt(afterComm + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    static Optional<List<String>> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Paths.get("/proc", Long.toString(pid), "cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8);
            if (text.endsWith("\0")) {
                text = text.substring(0, text.length() - 1);
            }
            return text.isEmpty() ? Optional.empty() : Optional.of(Arrays.asList(text.split("\0", -1)));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Paths.get("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException unknown) {
            return Optional.empty();
        }
    }
}
