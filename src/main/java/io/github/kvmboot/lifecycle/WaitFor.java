package io.github.kvmboot.lifecycle;

import static io.github.kvmboot.config.Setting.WAIT_FOR;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.kvmboot.boot.BootPlan;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;

/**
 * kvmboot.waitFor: what must hold before start returns. Entries are separated by a comma followed
 * by a known prefix, so a console regex may contain commas. Unset: QEMU running, after
 * kvmboot.expect when that is set (the supervisor's own readiness).
 */
sealed interface WaitFor {

    /** A console line matching the pattern (the recent lines count too). */
    record Console(Pattern pattern) implements WaitFor {
        @Override
        public String toString() {
            return "console /" + pattern + "/";
        }
    }

    /** The guest answers on the forward of {@code guestPort}; {@code canaryPort} -1: none (the user forwards port 1). */
    record Tcp(int guestPort, int hostPort, int canaryPort) implements WaitFor {
        @Override
        public String toString() {
            return "guest port " + guestPort + " answering on 127.0.0.1:" + hostPort;
        }
    }

    /** QEMU reports the guest running ({@code query-status}). */
    record QmpRunning() implements WaitFor {
        @Override
        public String toString() {
            return "QMP status running";
        }
    }

    String FIX = "write console:<regex>, tcp:<forwarded guest port> or qmp:running, several separated by commas";

    /** @param plan the planned guest: a tcp: port must be one of its forwards */
    static List<WaitFor> parse(ResolvedSettings s, BootPlan plan) throws SettingException {
        List<WaitFor> conditions = new ArrayList<>();
        if (s.optional(WAIT_FOR).isEmpty()) {
            conditions.add(new QmpRunning());
            return conditions;
        }
        for (String raw : s.optional(WAIT_FOR).get().split(",(?=\\s*(?:console|tcp|qmp):)")) {
            String entry = raw.trim();
            if (entry.startsWith("console:")) {
                try {
                    conditions.add(new Console(Pattern.compile(entry.substring("console:".length()))));
                } catch (PatternSyntaxException e) {
                    throw s.invalid(WAIT_FOR, "`" + entry + "` is not a valid regular expression (" + e.getDescription() + ")",
                            "fix the regex (Java syntax)");
                }
            } else if (entry.equals("qmp:running")) {
                conditions.add(new QmpRunning());
            } else if (entry.matches("tcp:\\d{1,5}")) {
                int guestPort = Integer.parseInt(entry.substring(4));
                OptionalInt hostPort = plan.hostPort(guestPort);
                if (hostPort.isEmpty()) {
                    throw s.invalid(WAIT_FOR, "guest port " + guestPort + " is not forwarded",
                            "add tcp:" + guestPort + " to kvmboot.forward (user-mode network)");
                }
                conditions.add(new Tcp(guestPort, hostPort.getAsInt(), plan.canaryPort().orElse(-1)));
            } else {
                throw s.invalid(WAIT_FOR, "`" + entry + "` is not a condition kvmboot knows", FIX);
            }
        }
        return conditions;
    }
}
