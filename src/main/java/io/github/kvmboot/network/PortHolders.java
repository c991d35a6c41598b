package io.github.kvmboot.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.kvmboot.process.ProcFs;

/**
 * Whether a TCP port on 127.0.0.1 can be taken, and which process holds it when not: the
 * listening socket's inode from {@code /proc/net/tcp*}, then the process with a descriptor on it.
 */
public final class PortHolders {

    private static final String LISTEN = "0A";

    private PortHolders() {
    }

    /** True when a server socket can be bound to 127.0.0.1:{@code port} right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** "pid N: command line" of the process listening on {@code port}, when this user may see it. */
    public static Optional<String> describe(int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                if (holdsOne(process.resolve("fd"), inodes)) {
                    String command = ProcFs.commandLine(process).map(argv -> String.join(" ", argv)).orElse("?");
                    return Optional.of("pid " + process.getFileName() + ": "
                            + (command.length() > 200 ? command.substring(0, 200) + "..." : command));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Paths.get(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                        inodes.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6)
            }
        }
        return inodes;
    }

    private static boolean holdsOne(Path fdDirectory, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                try {
                    if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // next one
                }
            }
        } catch (IOException notOurs) {
            return false;
        }
        return false;
    }
}
