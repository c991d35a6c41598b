package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.FORWARD;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.network.PortHolders;

/**
 * kvmboot.forward: {@code tcp:<guestPort>} or {@code tcp:<hostPort>:<guestPort>}, comma-separated.
 * Checked before anything is created: ports in range, each guest port once, a given host port free.
 */
final class ForwardRequests {

    /** One requested forward; without a host port a free one is chosen when the command line is written. */
    record Request(OptionalInt hostPort, int guestPort) {
    }

    private static final Pattern ENTRY = Pattern.compile("tcp:(?:(\\d{1,9}):)?(\\d{1,9})");
    private static final String FIX = "write tcp:<guestPort> or tcp:<hostPort>:<guestPort>, comma-separated,"
            + " ports 1-65535, e.g. tcp:8080,tcp:2222:22";

    private ForwardRequests() {
    }

    static List<Request> parse(ResolvedSettings s) throws SettingException {
        List<Request> requests = new ArrayList<>();
        if (s.optional(FORWARD).isEmpty()) {
            return requests;
        }
        Set<Integer> guestPorts = new HashSet<>();
        for (String raw : s.optional(FORWARD).get().split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(entry);
            if (!m.matches()) {
                throw s.invalid(FORWARD, "`" + entry + "` is not a port forward", FIX);
            }
            int guestPort = port(s, entry, m.group(2));
            OptionalInt hostPort = m.group(1) == null ? OptionalInt.empty() : OptionalInt.of(port(s, entry, m.group(1)));
            if (!guestPorts.add(guestPort)) {
                throw s.invalid(FORWARD, "guest port " + guestPort + " is forwarded twice",
                        "forward each guest port once");
            }
            if (hostPort.isPresent() && !PortHolders.isFree(hostPort.getAsInt())) {
                throw s.invalid(FORWARD, "host port " + hostPort.getAsInt() + " on 127.0.0.1 is already in use"
                        + PortHolders.describe(hostPort.getAsInt()).map(h -> " (held by " + h + ")").orElse(""),
                        "choose another host port, or write tcp:" + guestPort + " for a free one");
            }
            requests.add(new Request(hostPort, guestPort));
        }
        return requests;
    }

    private static int port(ResolvedSettings s, String entry, String digits) throws SettingException {
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw s.invalid(FORWARD, "port " + port + " in `" + entry + "` is outside 1-65535", FIX);
        }
        return port;
    }
}
