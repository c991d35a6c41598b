package io.github.kvmboot.network;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A validated switch configuration (see {@link SwitchSettings}): the tap the switch routes through,
 * its subnet, the gateway address the host takes on the tap, the DHCP range, and where state lives.
 */
public record SwitchConfig(
        String tap,
        Optional<String> uplink,
        Ipv4 network,
        Ipv4 netmask,
        Ipv4 gateway,
        Ipv4 dhcpFirst,
        Ipv4 dhcpLast,
        Path vdeSocket,
        Path runDir,
        Path dnsmasqRunDir,
        Optional<Path> tftpRoot,
        Optional<String> bootFile) {

    /** Where setup records what it changed, so teardown can undo exactly that. */
    public static Path defaultRunDir(String tap) {
        return Path.of("/run/kvmboot", tap);
    }

    public int prefixLength() {
        return netmask.prefixLength();
    }

    /** {@code 192.168.53.0/24} */
    public String subnet() {
        return network + "/" + prefixLength();
    }

    /** The comment that marks every iptables rule setup adds: {@code kvmboot:tap0}. */
    public String ruleComment() {
        return "kvmboot:" + tap;
    }

    public Path vdePidFile() {
        return runDir.resolve("vde_switch.pid");
    }

    public Path savedIpForward() {
        return runDir.resolve("ip_forward.before");
    }

    public Path dnsmasqPidFile() {
        return dnsmasqRunDir.resolve("kvmboot-" + tap + ".pid");
    }

    public Path dnsmasqLeaseFile() {
        return dnsmasqRunDir.resolve("kvmboot-" + tap + ".leases");
    }
}
