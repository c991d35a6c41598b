package io.github.kvmboot.network;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;

/**
 * Validates the setup-switch settings into a {@link SwitchConfig}: addresses parse, the netmask is
 * contiguous, the gateway and the DHCP range lie inside the network, the range does not contain
 * the gateway, and the uplink device exists. Every error names the setting, value, origin and fix.
 */
public final class SwitchSettings {

    /** Linux interface names: at most 15 bytes, no '/', no whitespace; we allow the usual characters. */
    private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private final Path sysClassNet;
    private final Function<String, Path> resolve;

    /**
     * @param sysClassNet where network devices are listed ({@code /sys/class/net})
     * @param resolve     resolves user paths (relative to the project base directory)
     */
    public SwitchSettings(Path sysClassNet, Function<String, Path> resolve) {
        this.sysClassNet = sysClassNet;
        this.resolve = resolve;
    }

    public SwitchConfig validate(ResolvedSettings s) throws SettingException {
        String tap = interfaceName(s, TAP_DEV, s.required(TAP_DEV, "name the tap device, e.g. " + TAP_DEV.defaultValue()));
        Optional<String> uplink = Optional.empty();
        if (s.optional(NETDEV).isPresent()) {
            String netdev = interfaceName(s, NETDEV, s.optional(NETDEV).get());
            if (!Files.exists(sysClassNet.resolve(netdev))) {
                throw s.invalid(NETDEV, "no network device of that name (" + sysClassNet + " lists " + devices() + ")",
                        "name the uplink device the guests' traffic leaves through, e.g. the one in 'ip route show default'");
            }
            if (netdev.equals(tap)) {
                throw s.invalid(NETDEV, "is the switch's own tap device", "name the uplink device, not kvmboot.tapDev");
            }
            uplink = Optional.of(netdev);
        }
        Ipv4 netmask = address(s, NETMASK);
        if (netmask.prefixLength() < 1 || netmask.prefixLength() > 30) {
            throw s.invalid(NETMASK, netmask.prefixLength() < 0 ? "its one-bits are not contiguous" : "leaves no room for hosts",
                    "use a netmask like 255.255.255.0 (/24) between /1 and /30");
        }
        Ipv4 network = address(s, NETWORK_ADDRESS);
        if (!network.and(netmask).equals(network)) {
            throw s.invalid(NETWORK_ADDRESS, "has host bits set for netmask " + netmask,
                    "use the network address " + network.and(netmask));
        }
        Ipv4 broadcast = network.or(~netmask.bits() & 0xFFFFFFFFL);
        String inside = "inside " + network + "/" + netmask.prefixLength();
        Ipv4 gateway = address(s, GATEWAY);
        if (!gateway.and(netmask).equals(network) || gateway.equals(network) || gateway.equals(broadcast)) {
            throw s.invalid(GATEWAY, "is not a host address " + inside,
                    "use an address between " + network.or(1) + " and " + new Ipv4(broadcast.bits() - 1));
        }
        String range = s.required(DHCP_RANGE, "give first,last, e.g. 192.168.53.2,192.168.53.254");
        String[] ends = range.split(",");
        if (ends.length != 2) {
            throw s.invalid(DHCP_RANGE, "is not first,last", "give two addresses separated by a comma, e.g. "
                    + network.or(2) + "," + new Ipv4(broadcast.bits() - 1));
        }
        Ipv4 first = rangeEnd(s, ends[0]);
        Ipv4 last = rangeEnd(s, ends[1]);
        for (Ipv4 end : new Ipv4[] {first, last}) {
            if (!end.and(netmask).equals(network) || end.equals(network) || end.equals(broadcast)) {
                throw s.invalid(DHCP_RANGE, end + " is not a host address " + inside,
                        "keep both ends between " + network.or(1) + " and " + new Ipv4(broadcast.bits() - 1));
            }
        }
        if (first.compareTo(last) > 0) {
            throw s.invalid(DHCP_RANGE, "its first address is above its last", "give first,last in ascending order");
        }
        if (gateway.compareTo(first) >= 0 && gateway.compareTo(last) <= 0) {
            throw s.invalid(DHCP_RANGE, "contains the gateway " + gateway + " (" + s.get(GATEWAY).origin() + ")",
                    "start the range above the gateway or end it below, e.g. "
                            + (gateway.bits() < last.bits() ? new Ipv4(gateway.bits() + 1) + "," + last
                                    : first + "," + new Ipv4(gateway.bits() - 1)));
        }
        Path socket = path(s, VDE_SOCKET);
        Path dnsmasqRunDir = path(s, DNSMASQ_RUN_DIR);
        Optional<Path> tftpRoot = s.optional(TFTP_ROOT).map(resolve);
        if (tftpRoot.isPresent() && !Files.isDirectory(tftpRoot.get())) {
            throw s.invalid(TFTP_ROOT, "no directory at " + tftpRoot.get(), "create it, or unset kvmboot.tftpRoot");
        }
        return new SwitchConfig(tap, uplink, network, netmask, gateway, first, last, socket,
                SwitchConfig.defaultRunDir(tap), dnsmasqRunDir, tftpRoot, s.optional(BOOTP).map(String::trim));
    }

    private static String interfaceName(ResolvedSettings s, Setting setting, String value) throws SettingException {
        String name = value.trim();
        if (!INTERFACE_NAME.matcher(name).matches()) {
            throw s.invalid(setting, "is not a network interface name",
                    "use 1 to 15 letters, digits, '_', '.' or '-', e.g. " + (setting == TAP_DEV ? TAP_DEV.defaultValue() : "eth0"));
        }
        return name;
    }

    private static Ipv4 address(ResolvedSettings s, Setting setting) throws SettingException {
        String value = s.required(setting, "an IPv4 address is required", "give an address like " + setting.defaultValue());
        try {
            return Ipv4.parse(value);
        } catch (IllegalArgumentException e) {
            throw s.invalid(setting, e.getMessage(), "give an address like " + setting.defaultValue());
        }
    }

    private static Ipv4 rangeEnd(ResolvedSettings s, String text) throws SettingException {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw s.invalid(DHCP_RANGE, "'" + text.trim() + "' is " + e.getMessage(),
                    "give first,last, e.g. " + DHCP_RANGE.defaultValue());
        }
    }

    private Path path(ResolvedSettings s, Setting setting) throws SettingException {
        return resolve.apply(s.required(setting, "give a path, e.g. " + setting.defaultValue()));
    }

    private String devices() {
        try (var list = Files.list(sysClassNet)) {
            return String.join(", ", list.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (java.io.IOException e) {
            return "nothing readable";
        }
    }
}
