package io.github.kvmboot.network;

import java.util.ArrayList;
import java.util.List;

/** One rule setup adds, always tagged with the switch's comment so it is never confused with a user's rule. */
public record IptablesRule(String table, String chain, List<String> match) {

    public IptablesRule {
        match = List.copyOf(match);
    }

    /** {@code iptables -t TABLE -C|-A|-D CHAIN MATCH...} */
    public List<String> command(String iptables, String operation) {
        List<String> argv = new ArrayList<>(List.of(iptables, "-t", table, operation, chain));
        argv.addAll(match);
        return argv;
    }

    /** How iptables -S prints it, for status and messages. */
    public String describe() {
        return "-t " + table + " -A " + chain + " " + String.join(" ", match);
    }
}
