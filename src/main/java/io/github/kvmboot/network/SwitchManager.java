package io.github.kvmboot.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;

/**
 * Sets up, inspects and tears down one switch. Setup checks before it changes anything, so a
 * second run changes nothing and says so; teardown undoes exactly what setup recorded: its two
 * daemons (by verified pidfile), its tagged iptables rules, and ip_forward's previous value.
 */
public final class SwitchManager {

    private final SwitchPlan plan;
    private final SwitchConfig config;
    private final CommandRunner runner;
    private final BuildLog log;
    private final Daemon vdeSwitch;
    private final Daemon dnsmasq;

    public SwitchManager(SwitchPlan plan, CommandRunner runner, BuildLog log) {
        this.plan = plan;
        this.config = plan.config();
        this.runner = runner;
        this.log = log;
        this.vdeSwitch = new Daemon("vde_switch", config.vdePidFile(), config.vdeSocket().toString());
        this.dnsmasq = new Daemon("dnsmasq", config.dnsmasqPidFile(), "--interface=" + config.tap());
    }

    /** Returns the number of changes made (0 = it was already set up). */
    public int setup() throws KvmbootException, InterruptedException {
        log.info("kvmboot: Setting up switch on " + config.tap() + " (" + config.subnet() + ", gateway "
                + config.gateway() + ", DHCP " + config.dhcpFirst() + "-" + config.dhcpLast() + ")");
        int changes = 0;
        createDirectory(config.runDir());
        createDirectory(config.dnsmasqRunDir());
        changes += startSwitch();
        changes += configureTap();
        changes += enableForwarding();
        for (IptablesRule rule : plan.rules()) {
            if (runner.run(rule.command(plan.iptables(), "-C")).ok()) {
                continue;
            }
            runner.require(rule.command(plan.iptables(), "-A"));
            log.info("kvmboot: added iptables rule " + rule.describe());
            changes++;
        }
        changes += startDnsmasq();
        if (changes == 0) {
            log.info("kvmboot: switch on " + config.tap() + " already set up; nothing changed");
        } else {
            log.info("kvmboot: switch ready: guests connect to " + config.vdeSocket()
                    + " (mvn kvmboot:boot -Dkvmboot.network=vde)");
        }
        return changes;
    }

    private int startSwitch() throws KvmbootException, InterruptedException {
        OptionalLong running = vdeSwitch.runningPid();
        if (running.isPresent()) {
            log.info("kvmboot: vde_switch already running (pid " + running.getAsLong() + ")");
            return 0;
        }
        removeStale(vdeSwitch);
        runner.require(plan.startSwitch());
        OptionalLong pid = vdeSwitch.awaitRunning(10_000);
        if (pid.isEmpty()) {
            throw new KvmbootException("kvmboot: vde_switch started but wrote no pid to " + config.vdePidFile()
                    + ". Fix: run with -Dkvmboot.verbose and run the printed vde_switch command by hand to see why.");
        }
        log.info("kvmboot: started vde_switch pid " + pid.getAsLong() + " on " + config.tap()
                + ", socket " + config.vdeSocket() + " (group " + plan.socketGroup() + ", mode 0" + SwitchPlan.SOCKET_MODE + ")");
        return 1;
    }

    private int configureTap() throws KvmbootException, InterruptedException {
        int changes = 0;
        String address = config.gateway() + "/" + config.prefixLength();
        String addresses = runner.require(plan.showTapAddresses()).output();
        if (!List.of(addresses.split("\\s+")).contains(address)) {
            runner.require(plan.addTapAddress());
            changes++;
        }
        if (!isUp()) {
            runner.require(plan.tapUp());
            changes++;
        }
        if (changes > 0) {
            log.info("kvmboot: " + config.tap() + " has address " + address + " and is up");
        }
        return changes;
    }

    private boolean isUp() throws KvmbootException, InterruptedException {
        String link = runner.require(plan.showTapLink()).output();
        int open = link.indexOf('<');
        int close = link.indexOf('>');
        return open >= 0 && close > open && List.of(link.substring(open + 1, close).split(",")).contains("UP");
    }

    private int enableForwarding() throws KvmbootException, InterruptedException {
        String before = readIpForward();
        Path saved = config.savedIpForward();
        if (!Files.exists(saved)) {
            write(saved, before + "\n");
        }
        if ("1".equals(before)) {
            return 0;
        }
        log.info(runner.require(plan.setIpForward("1")).output() + " (was " + before + ")");
        return 1;
    }

    private int startDnsmasq() throws KvmbootException, InterruptedException {
        OptionalLong running = dnsmasq.runningPid();
        if (running.isPresent()) {
            log.info("kvmboot: dnsmasq already running (pid " + running.getAsLong() + ")");
            return 0;
        }
        removeStale(dnsmasq);
        CommandRunner.Result result = runner.run(plan.startDnsmasq());
        if (!result.ok()) {
            throw DnsmasqFailure.explain(result, config);
        }
        OptionalLong pid = dnsmasq.awaitRunning(10_000);
        if (pid.isEmpty()) {
            throw new KvmbootException("kvmboot: dnsmasq started but wrote no pid to " + config.dnsmasqPidFile()
                    + ". Fix: run with -Dkvmboot.verbose and run the printed dnsmasq command by hand to see why.");
        }
        log.info("kvmboot: dnsmasq pid " + pid.getAsLong() + " serves DHCP " + config.dhcpFirst() + "-"
                + config.dhcpLast() + " on " + config.tap() + " only; leases in " + config.dnsmasqLeaseFile());
        return 1;
    }

    /** Stops what setup started and removes what it added; returns the number of changes. */
    public int teardown() throws KvmbootException, InterruptedException {
        int changes = 0;
        changes += stop(dnsmasq);
        for (IptablesRule rule : plan.rules()) {
            while (runner.run(rule.command(plan.iptables(), "-C")).ok()) {
                runner.require(rule.command(plan.iptables(), "-D"));
                log.info("kvmboot: removed iptables rule " + rule.describe());
                changes++;
            }
        }
        Path saved = config.savedIpForward();
        if (Files.exists(saved)) {
            String before = read(saved).trim();
            if (!before.equals(readIpForward())) {
                log.info(runner.require(plan.setIpForward(before)).output() + " (restored)");
                changes++;
            }
            delete(saved);
        }
        changes += stop(vdeSwitch);
        delete(config.dnsmasqLeaseFile());
        deleteIfEmpty(config.runDir());
        log.info(changes == 0 ? "kvmboot: no switch on " + config.tap() + " to tear down"
                : "kvmboot: switch on " + config.tap() + " torn down");
        return changes;
    }

    private int stop(Daemon daemon) throws KvmbootException, InterruptedException {
        OptionalLong pid = daemon.runningPid();
        if (pid.isEmpty()) {
            removeStale(daemon);
            return 0;
        }
        if (!daemon.stop(pid.getAsLong(), 10_000)) {
            throw new KvmbootException("kvmboot: " + daemon.name() + " pid " + pid.getAsLong() + " did not exit");
        }
        delete(daemon.pidFile());
        log.info("kvmboot: stopped " + daemon.name() + " (pid " + pid.getAsLong() + ")");
        return 1;
    }

    /** Prints switch pid, tap state, dnsmasq pid, leases and this switch's iptables rules. */
    public void status() throws KvmbootException, InterruptedException {
        log.info("kvmboot: switch " + config.tap() + " (" + config.subnet() + ", socket " + config.vdeSocket() + ")");
        log.info("  vde_switch: " + describe(vdeSwitch));
        CommandRunner.Result link = runner.run(plan.showTapLink());
        if (link.ok()) {
            List<String> inet = List.of(runner.run(plan.showTapAddresses()).output().split("\\s+"));
            int at = inet.indexOf("inet");
            log.info("  " + config.tap() + ": " + (isUp() ? "up" : "down")
                    + (at >= 0 && at + 1 < inet.size() ? ", address " + inet.get(at + 1) : ", no IPv4 address"));
        } else {
            log.info("  " + config.tap() + ": absent");
        }
        log.info("  dnsmasq: " + describe(dnsmasq));
        Path leases = config.dnsmasqLeaseFile();
        List<String> leaseLines = Files.isReadable(leases) ? read(leases).lines().toList() : List.of();
        log.info("  leases: " + (leaseLines.isEmpty() ? "none" : ""));
        leaseLines.forEach(l -> log.info("    " + l));
        try {
            log.info("  net.ipv4.ip_forward = " + readIpForward()
                    + (Files.exists(config.savedIpForward()) ? " (was " + read(config.savedIpForward()).trim() + " before setup)" : ""));
        } catch (KvmbootException e) {
            log.info("  net.ipv4.ip_forward: unreadable");
        }
        log.info("  iptables rules tagged " + config.ruleComment() + ":");
        int found = 0;
        for (String table : List.of("nat", "filter")) {
            CommandRunner.Result rules = runner.run(plan.listRules(table));
            if (!rules.ok()) {
                log.info("    (cannot list the " + table + " table: " + oneLine(rules.output()) + ")");
                continue;
            }
            for (String rule : rules.output().lines().filter(l -> l.contains(config.ruleComment())).toList()) {
                log.info("    -t " + table + " " + rule);
                found++;
            }
        }
        if (found == 0) {
            log.info("    none");
        }
    }

    private String describe(Daemon daemon) {
        OptionalLong pid = daemon.runningPid();
        if (pid.isPresent()) {
            return "running, pid " + pid.getAsLong() + " (" + daemon.pidFile() + ")";
        }
        return daemon.state() == Daemon.State.STALE ? "not running (stale pidfile " + daemon.pidFile() + ")" : "not running";
    }

    private void removeStale(Daemon daemon) throws KvmbootException {
        if (daemon.state() == Daemon.State.STALE) {
            log.warn("kvmboot: removing stale pidfile " + daemon.pidFile() + " (its pid is not " + daemon.name() + " of this switch)");
            try {
                daemon.removeStalePidFile();
            } catch (IOException e) {
                throw new KvmbootException("kvmboot: cannot remove stale pidfile " + daemon.pidFile() + ": " + e.getMessage(), e);
            }
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static String readIpForward() throws KvmbootException {
        try {
            return HostFacts.ipForward();
        } catch (IOException e) {
            throw new KvmbootException("kvmboot: cannot read " + HostFacts.IP_FORWARD + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectory(Path dir) throws KvmbootException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new KvmbootException("kvmboot: cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws KvmbootException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KvmbootException("kvmboot: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String text) throws KvmbootException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KvmbootException("kvmboot: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) throws KvmbootException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new KvmbootException("kvmboot: cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException notEmpty) {
            // something else lives there; leave it
        }
    }
}
