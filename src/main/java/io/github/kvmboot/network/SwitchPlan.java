package io.github.kvmboot.network;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact commands (argument vectors, never shell lines) that set up, inspect and tear down the
 * switch of one {@link SwitchConfig}. {@link SwitchManager} runs them; a dry run prints them.
 */
public final class SwitchPlan {

    /** The switch's control socket: owner and group only, never the world. */
    static final String SOCKET_MODE = "660";
    static final String SOCKET_DIR_MODE = "2770";

    private final SwitchConfig config;
    private final Tools tools;
    private final String socketGroup;

    public SwitchPlan(SwitchConfig config, Tools tools, String socketGroup) {
        this.config = config;
        this.tools = tools;
        this.socketGroup = socketGroup;
    }

    public SwitchConfig config() {
        return config;
    }

    public String socketGroup() {
        return socketGroup;
    }

    /** vde_switch creates the tap, daemonizes and writes its pidfile into the run dir. */
    public List<String> startSwitch() {
        return List.of(tools.get(Tool.VDE_SWITCH), "--tap", config.tap(), "--sock", config.vdeSocket().toString(),
                "--mode", SOCKET_MODE, "--dirmode", SOCKET_DIR_MODE, "--group", socketGroup,
                "--daemon", "--pidfile", config.vdePidFile().toString());
    }

    public List<String> addTapAddress() {
        return List.of(tools.get(Tool.IP), "addr", "add", config.gateway() + "/" + config.prefixLength(),
                "dev", config.tap());
    }

    public List<String> tapUp() {
        return List.of(tools.get(Tool.IP), "link", "set", "dev", config.tap(), "up");
    }

    public List<String> showTapAddresses() {
        return List.of(tools.get(Tool.IP), "-o", "-4", "addr", "show", "dev", config.tap());
    }

    public List<String> showTapLink() {
        return List.of(tools.get(Tool.IP), "-o", "link", "show", "dev", config.tap());
    }

    public List<String> setIpForward(String value) {
        return List.of(tools.get(Tool.SYSCTL), "-w", "net.ipv4.ip_forward=" + value);
    }

    /**
     * NAT for the switch's subnet and forwarding in both directions (replies only towards the
     * guests). With an uplink device given, only through it; otherwise to anywhere but the subnet.
     */
    public List<IptablesRule> rules() {
        String comment = config.ruleComment();
        String subnet = config.subnet();
        List<String> nat = new ArrayList<>(List.of("-s", subnet));
        List<String> out = new ArrayList<>(List.of("-i", config.tap(), "-s", subnet));
        if (config.uplink().isPresent()) {
            nat.addAll(List.of("-o", config.uplink().get()));
            out.addAll(List.of("-o", config.uplink().get()));
        } else {
            nat.addAll(List.of("!", "-d", subnet));
        }
        nat.addAll(List.of("-m", "comment", "--comment", comment, "-j", "MASQUERADE"));
        out.addAll(List.of("-m", "comment", "--comment", comment, "-j", "ACCEPT"));
        List<String> back = List.of("-o", config.tap(), "-d", subnet, "-m", "conntrack", "--ctstate",
                "RELATED,ESTABLISHED", "-m", "comment", "--comment", comment, "-j", "ACCEPT");
        return List.of(new IptablesRule("nat", "POSTROUTING", nat),
                new IptablesRule("filter", "FORWARD", out),
                new IptablesRule("filter", "FORWARD", back));
    }

    public String iptables() {
        return tools.get(Tool.IPTABLES);
    }

    /** Lists a table's rules ({@code iptables -t T -S}), for status. */
    public List<String> listRules(String table) {
        return List.of(tools.get(Tool.IPTABLES), "-t", table, "-S");
    }

    /**
     * dnsmasq for DHCP (and DNS forwarding) on the tap only: {@code --bind-interfaces} with
     * {@code --interface} means it never answers on the uplink or loopback; no config file is read,
     * so a system dnsmasq.conf cannot widen it.
     */
    public List<String> startDnsmasq() {
        List<String> argv = new ArrayList<>(List.of(tools.get(Tool.DNSMASQ),
                "--conf-file=/dev/null",
                "--bind-interfaces",
                "--interface=" + config.tap(),
                "--except-interface=lo",
                "--dhcp-range=" + config.dhcpFirst() + "," + config.dhcpLast() + "," + config.netmask() + ",12h",
                "--dhcp-option=option:router," + config.gateway(),
                "--pid-file=" + config.dnsmasqPidFile(),
                "--dhcp-leasefile=" + config.dnsmasqLeaseFile()));
        config.tftpRoot().ifPresent(root -> {
            argv.add("--enable-tftp");
            argv.add("--tftp-root=" + root);
        });
        config.bootFile().ifPresent(file -> argv.add("--dhcp-boot=" + file));
        return argv;
    }

    /** Everything a setup on a clean host runs, in order (what a dry run prints). */
    public List<List<String>> setupCommands() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(startSwitch());
        commands.add(addTapAddress());
        commands.add(tapUp());
        commands.add(setIpForward("1"));
        for (IptablesRule rule : rules()) {
            commands.add(rule.command(iptables(), "-C"));
            commands.add(rule.command(iptables(), "-A"));
        }
        commands.add(startDnsmasq());
        return commands;
    }

    /** What teardown runs besides stopping the two daemons by their verified pidfiles. */
    public List<List<String>> teardownCommands(String previousIpForward) {
        List<List<String>> commands = new ArrayList<>();
        for (IptablesRule rule : rules()) {
            commands.add(rule.command(iptables(), "-D"));
        }
        commands.add(setIpForward(previousIpForward));
        return commands;
    }
}
