package io.github.kvmboot.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;

/** Every bad switch setting is rejected before anything runs, naming setting, value, origin and fix. */
class SwitchSettingsTest {

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private SwitchConfig validate() throws SettingException {
        return new SwitchSettings(Path.of("/sys/class/net"), Path::of)
                .validate(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve());
    }

    @Test
    void theDefaultsGiveTheSeedsSwitch() throws Exception {
        SwitchConfig c = validate();
        assertEquals("tap0", c.tap());
        assertEquals("192.168.53.0/24", c.subnet());
        assertEquals("192.168.53.1", c.gateway().toString());
        assertEquals("192.168.53.2", c.dhcpFirst().toString());
        assertEquals("192.168.53.254", c.dhcpLast().toString());
        assertEquals(Optional.empty(), c.uplink());
        assertEquals(Path.of("/run/kvmboot/tap0"), c.runDir());
        assertEquals(Path.of("/var/run/qemu-vde.ctl"), c.vdeSocket());
        assertEquals(Path.of("/var/run/dnsmasq/kvmboot-tap0.pid"), c.dnsmasqPidFile());
    }

    @Test
    void environmentVariablesOfTheSeedWork() throws Exception {
        env.put("KVM_BOOT_NETDEV", "lo");
        env.put("KVM_BOOT_TAP_DEV", "tap7");
        env.put("KVM_BOOT_NETWORK", "10.20.0.0");
        env.put("KVM_BOOT_NETMASK", "255.255.0.0");
        env.put("KVM_BOOT_GATEWAY", "10.20.255.254");
        env.put("KVM_BOOT_DHCPRANGE", "10.20.0.10,10.20.0.99");
        env.put("KVM_BOOT_DNSMASQ_RUN_DIR", "/tmp/dm");
        env.put("KVM_BOOT_VDE_SOCKET", "/tmp/sw.ctl");
        env.put("KVM_BOOT_BOOTP", "pxelinux.0");
        SwitchConfig c = validate();
        assertEquals(Optional.of("lo"), c.uplink());
        assertEquals("10.20.0.0/16", c.subnet());
        assertEquals("tap7", c.tap());
        assertEquals(Path.of("/tmp/sw.ctl"), c.vdeSocket());
        assertEquals(Path.of("/tmp/dm/kvmboot-tap7.leases"), c.dnsmasqLeaseFile());
        assertEquals(Optional.of("pxelinux.0"), c.bootFile());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "kvmboot.networkAddress | 192.168.53      | not an IPv4 address",
        "kvmboot.networkAddress | 192.168.300.0   | 300 is over 255",
        "kvmboot.networkAddress | 192.168.53.7    | has host bits set for netmask 255.255.255.0. Fix: use the network address 192.168.53.0",
        "kvmboot.netmask        | 255.0.255.0     | its one-bits are not contiguous",
        "kvmboot.netmask        | 255.255.255.255 | leaves no room for hosts",
        "kvmboot.gateway        | 10.0.0.1        | is not a host address inside 192.168.53.0/24",
        "kvmboot.gateway        | 192.168.53.255  | is not a host address inside 192.168.53.0/24",
        "kvmboot.gateway        | 192.168.53.0    | is not a host address inside 192.168.53.0/24",
        "kvmboot.gateway        | gw              | not an IPv4 address",
        "kvmboot.dhcpRange      | 192.168.53.2-192.168.53.9 | is not first,last",
        "kvmboot.dhcpRange      | 192.168.53.2,192.168.54.9 | 192.168.54.9 is not a host address inside 192.168.53.0/24",
        "kvmboot.dhcpRange      | 192.168.53.9,192.168.53.2 | its first address is above its last",
        "kvmboot.dhcpRange      | 192.168.53.1,192.168.53.9 | contains the gateway 192.168.53.1 (the default). Fix: start the range above the gateway or end it below, e.g. 192.168.53.2,192.168.53.9",
        "kvmboot.dhcpRange      | 192.168.53.x,192.168.53.9 | '192.168.53.x' is not an IPv4 address",
        "kvmboot.netdev         | nosuchdev0      | no network device of that name (/sys/class/net lists",
        "kvmboot.netdev         | eth0;reboot     | is not a network interface name",
        "kvmboot.tapDev         | tap-name-too-long | is not a network interface name",
        "kvmboot.tapDev         | ../tap          | is not a network interface name",
        "kvmboot.tftpRoot       | /no/such/tftp   | no directory at /no/such/tftp",
    })
    void badInputIsRejectedWithSettingValueOriginAndFix(String property, String value, String problem) {
        cli.put(property, value);
        String message = assertThrows(SettingException.class, this::validate).getMessage();
        String start = property + " = '" + value + "' (from -D" + property + " on the command line): ";
        assertTrue(message.startsWith(start), () -> "expected '" + start + "' at the start of: " + message);
        assertTrue(message.contains(problem), () -> "'" + problem + "' missing from: " + message);
        assertTrue(message.contains(". Fix: "), message);
    }

    @Test
    void aGatewayMovedIntoTheDefaultRangeBlamesTheRangeAndNamesTheGatewaysOrigin() {
        env.put("KVM_BOOT_GATEWAY", "192.168.53.100");
        String message = assertThrows(SettingException.class, this::validate).getMessage();
        assertTrue(message.startsWith("kvmboot.dhcpRange = '192.168.53.2,192.168.53.254' (from the default)"), message);
        assertTrue(message.contains("contains the gateway 192.168.53.100 (environment variable KVM_BOOT_GATEWAY)"), message);
    }
}
