package io.github.kvmboot.network;

import java.util.List;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.qemu.ShellQuoting;

/** Turns a dnsmasq that would not start into a diagnosis, above all the classic "address in use". */
final class DnsmasqFailure {

    private DnsmasqFailure() {
    }

    static KvmbootException explain(CommandRunner.Result result, SwitchConfig config) {
        String output = result.output();
        if (output.contains("Address already in use")) {
            List<String> others = HostFacts.runningDnsmasqs();
            return new KvmbootException("kvmboot: dnsmasq for " + config.tap() + " cannot listen: " + output.strip()
                    + ". Another DNS/DHCP server already listens on all interfaces"
                    + (others.isEmpty() ? "" : " (running: " + String.join("; ", others) + ")")
                    + ". Fix: make it bind only to its own interfaces (dnsmasq: add 'bind-interfaces' and"
                    + " 'except-interface=" + config.tap() + "' to its configuration, e.g. /etc/dnsmasq.d/kvmboot.conf,"
                    + " and restart it; libvirt and NetworkManager's dnsmasq already do), or stop it, then run setup-switch again.");
        }
        return new KvmbootException("kvmboot: dnsmasq for " + config.tap() + " failed (exit " + result.exitCode() + "): "
                + output.strip() + ". Command: " + ShellQuoting.join(result.command()));
    }
}
