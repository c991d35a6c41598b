package io.github.kvmboot.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.process.ProcFs;

/** What setup-switch reads about this host from /proc and /etc. */
final class HostFacts {

    static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final int CAP_NET_ADMIN = 12;

    private HostFacts() {
    }

    /** True when this process may configure networking (root, or CAP_NET_ADMIN in its effective set). */
    static boolean hasNetAdmin() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16);
                    return (caps >> CAP_NET_ADMIN & 1) == 1;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: unknown means no
        }
        return false;
    }

    static boolean groupExists(String group) {
        try {
            return Files.readAllLines(Path.of("/etc/group"), StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> l.startsWith(group + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    static String ipForward() throws IOException {
        return Files.readString(IP_FORWARD, StandardCharsets.US_ASCII).trim();
    }

    /** Every running dnsmasq with its command line, to explain an "address in use". */
    static List<String> runningDnsmasqs() {
        List<String> found = new ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.matches("\\d+")) {
                    continue;
                }
                Optional<List<String>> argv = ProcFs.commandLine(Long.parseLong(name));
                if (argv.isPresent() && Path.of(argv.get().get(0)).getFileName().toString().equals("dnsmasq")) {
                    found.add("pid " + name + ": " + String.join(" ", argv.get()));
                }
            }
        } catch (IOException e) {
            // nothing to add
        }
        return found;
    }
}
