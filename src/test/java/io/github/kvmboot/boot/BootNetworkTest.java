package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.network.GuestMac;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.testing.TestGuests;

/** kvmboot.network and kvmboot.mac in the planned QEMU command line. */
class BootNetworkTest {

    private static final Pattern HOSTFWD = Pattern.compile("user,id=net0,hostfwd=tcp:127\\.0\\.0\\.1:(\\d+)-:22");

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void guest() throws Exception {
        env.put("PATH", System.getenv("PATH"));
        cli.put("kvmboot.accel", "tcg");
        cli.put("kernel", TestGuests.kernel().toString());
        cli.put("kvmboot.initrd", TestGuests.printAndPowerOff("NET").toString());
        cli.put("kvmboot.vdeSocket", dir.resolve("sw.ctl").toString());
    }

    private BootPlan plan() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new BootPlanner(BuildLog.toStderr(), host)
                .plan(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), GuestListener.NONE);
    }

    private static String argAfter(List<String> argv, String option, String prefix) {
        for (int i = 0; i < argv.size() - 1; i++) {
            if (argv.get(i).equals(option) && argv.get(i + 1).startsWith(prefix)) {
                return argv.get(i + 1);
            }
        }
        throw new AssertionError("no " + option + " " + prefix + "... in " + argv);
    }

    @Test
    void autoWithoutASwitchIsUserModeWithSshForwardedFromAFreeLoopbackPort() throws Exception {
        BootPlan plan = plan();
        Matcher m = HOSTFWD.matcher(argAfter(plan.guestRun().command(), "-netdev", "user"));
        assertTrue(m.matches());
        int port = Integer.parseInt(m.group(1));
        assertEquals(port, plan.sshPort().getAsInt());
        assertTrue(plan.summary().stream().anyMatch(l -> l.contains("forwarded from 127.0.0.1:" + port)), plan.summary()::toString);
        // the port was free when chosen: it can still be bound now that nothing holds it
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, s.getLocalPort());
        }
    }

    @Test
    void autoWithASwitchSocketUsesVdeWithAVirtioNic() throws Exception {
        Files.createDirectories(dir.resolve("sw,x.ctl"));
        cli.put("kvmboot.vdeSocket", dir.resolve("sw,x.ctl").toString());
        BootPlan plan = plan();
        List<String> argv = plan.guestRun().command();
        assertEquals("vde,id=net0,sock=" + dir.resolve("sw,,x.ctl"), argAfter(argv, "-netdev", "vde"));
        assertTrue(argAfter(argv, "-device", "virtio-net-pci").startsWith("virtio-net-pci,netdev=net0,romfile=,mac=52:54:00:"));
        assertTrue(plan.sshPort().isEmpty());
    }

    @Test
    void vdeWithoutTheSwitchSocketSaysHowToStartIt() {
        cli.put("kvmboot.network", "vde");
        String message = assertThrows(SettingException.class, this::plan).getMessage();
        assertTrue(message.startsWith("kvmboot.network = 'vde' (from -Dkvmboot.network on the command line): vde needs the switch socket "
                + dir.resolve("sw.ctl")), message);
        assertTrue(message.contains("sudo mvn kvmboot:setup-switch"), message);
    }

    @Test
    void noneMeansNoNic() throws Exception {
        cli.put("kvmboot.network", "none");
        BootPlan plan = plan();
        assertEquals("none", argAfter(plan.guestRun().command(), "-nic", "none"));
        assertTrue(plan.sshPort().isEmpty());
    }

    @Test
    void macIsStablePerImageDiffersBetweenImagesAndCanBeOverridden() throws Exception {
        Path a = Files.writeString(dir.resolve("a.img"), "a");
        Path b = Files.writeString(dir.resolve("b.img"), "b");
        cli.put("kvmboot.network", "user");
        cli.put("kvmboot.target", a.toString());
        String macA = mac();
        assertEquals(macA, mac(), "the same image gets the same MAC every time");
        assertEquals(GuestMac.forPath(a), macA);
        cli.put("kvmboot.target", b.toString());
        assertNotEquals(macA, mac(), "another image gets another MAC");
        cli.remove("kvmboot.target");
        assertEquals(GuestMac.forPath(dir.resolve("target/kvmboot")), mac(), "kernel-only boots: the output directory");
        cli.put("kvmboot.mac", "52:54:00:AB:CD:EF");
        assertEquals("52:54:00:ab:cd:ef", mac());
    }

    @Test
    void badMacsAreRejected() {
        cli.put("kvmboot.network", "user");
        for (String bad : List.of("52:54:00:12:34", "zz:54:00:12:34:56", "01:00:5e:00:00:01")) {
            cli.put("kvmboot.mac", bad);
            String message = assertThrows(SettingException.class, this::plan).getMessage();
            assertTrue(message.startsWith("kvmboot.mac = '" + bad + "' (from -Dkvmboot.mac on the command line): "), message);
            assertTrue(message.contains(bad.startsWith("01") ? "multicast" : "not a MAC address"), message);
        }
    }

    private String mac() throws Exception {
        String device = argAfter(plan().guestRun().command(), "-device", "virtio-net-pci");
        return device.substring(device.indexOf("mac=") + 4);
    }
}
