package io.github.kvmboot.network;

/** The programs the switch needs, with the packages that provide them. */
public enum Tool {
    VDE_SWITCH("vde_switch", "vde2", "vde2"),
    DNSMASQ("dnsmasq", "dnsmasq-base", "dnsmasq"),
    IPTABLES("iptables", "iptables", "iptables"),
    IPTABLES_SAVE("iptables-save", "iptables", "iptables"),
    IP("ip", "iproute2", "iproute"),
    SYSCTL("sysctl", "procps", "procps-ng");

    private final String command;
    private final String debianPackage;
    private final String fedoraPackage;

    Tool(String command, String debianPackage, String fedoraPackage) {
        this.command = command;
        this.debianPackage = debianPackage;
        this.fedoraPackage = fedoraPackage;
    }

    public String command() {
        return command;
    }

    public String debianPackage() {
        return debianPackage;
    }

    public String fedoraPackage() {
        return fedoraPackage;
    }
}
