package io.github.kvmboot.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.ItSupport;
import io.github.kvmboot.testing.TestGuests;

/**
 * The whole switch life cycle through the real, installed plugin, every Maven run inside a network
 * namespace made for this test: setup-switch, a real kernel booted with kvmboot.network=vde that
 * gets a DHCP lease and pings the gateway, status, setup again (nothing changes), teardown (the
 * namespace's iptables-save and ip_forward are byte-identical to before, no daemon left).
 */
class SwitchNamespaceIT {

    @TempDir
    Path work;

    @Test
    void setupBootIdempotentSetupTeardown() throws Exception {
        String tap = "kvmt" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        Path socket = work.resolve("switch.ctl");
        Path dnsmasqDir = work.resolve("dnsmasq");
        Path runDir = SwitchConfig.defaultRunDir(tap);
        List<Long> daemons = new ArrayList<>();
        try (NetNamespace ns = new NetNamespace()) {
            // rules and a forwarding value of "the user's" that setup must leave alone
            ns.exec("iptables", "-A", "FORWARD", "-s", "10.99.0.0/16", "-j", "DROP");
            ns.exec("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "9", "-j", "DROP");
            ns.exec("iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "10.98.0.0/16", "-o", ns.uplink, "-j", "MASQUERADE");
            String rulesBefore = ns.iptablesSave();
            String forwardBefore = ns.ipForward();
            assertEquals("0\n", forwardBefore, "a fresh namespace does not forward");

            List<String> switchArgs = List.of("-Dkvmboot.tapDev=" + tap, "-Dkvmboot.netdev=" + ns.uplink,
                    "-Dkvmboot.vdeSocket=" + socket, "-Dkvmboot.dnsmasqRunDir=" + dnsmasqDir);
            // a stale pidfile whose pid now belongs to another program: ignored, and that program lives on
            Process bystander = new ProcessBuilder("sleep", "600").start();
            try {
                Files.createDirectories(runDir);
                Files.writeString(runDir.resolve("vde_switch.pid"), bystander.pid() + "\n");
                String first = maven(ns, "setup-switch", switchArgs, "-Dkvmboot.verbose");
                assertContains(first, "removing stale pidfile " + runDir.resolve("vde_switch.pid"));
                assertTrue(bystander.isAlive(), "setup must not signal the pid of a stale pidfile");
                assertContains(first, "BUILD SUCCESS", "Setting up switch on " + tap, "net.ipv4.ip_forward = 1 (was 0)",
                        "+ ", "--comment kvmboot:" + tap, "--bind-interfaces", "--except-interface=lo");
                daemons.add(pid(runDir.resolve("vde_switch.pid")));
                daemons.add(pid(dnsmasqDir.resolve("kvmboot-" + tap + ".pid")));
                PosixFileAttributes ctl = Files.readAttributes(socket.resolve("ctl"), PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                assertEquals("rw-rw----", PosixFilePermissions.toString(ctl.permissions()), "switch socket mode");
                assertTrue(List.of("kvm", "root").contains(ctl.group().getName()), ctl.group().getName());
                String rulesAfterSetup = ns.iptablesSave();
                assertEquals(3, rulesAfterSetup.lines().filter(l -> l.contains("kvmboot:" + tap)).count(), rulesAfterSetup);
                assertTrue(rulesAfterSetup.contains("-A FORWARD -s 10.99.0.0/16 -j DROP"), rulesAfterSetup);

                Path out = work.resolve("boot-out");
                String boot = maven(ns, "boot", List.of(
                        "-Dkernel=" + TestGuests.kernel(),
                        "-Dkvmboot.initrd=" + NetGuests.dhcpInitramfs(),
                        "-Dkvmboot.network=vde",
                        "-Dkvmboot.vdeSocket=" + socket,
                        "-Dkvmboot.accel=tcg",
                        "-Dkvmboot.memory=512",
                        "-Dkvmboot.timeout=300",
                        "-Dkvmboot.expect=" + NetGuests.OK + " leased 192\\.168\\.53\\.\\d+ pinged 192\\.168\\.53\\.1",
                        "-Dkvmboot.failOn=" + NetGuests.FAIL + "|Kernel panic",
                        "-Dkvmboot.outputDirectory=" + out));
                assertContains(boot, "BUILD SUCCESS", "vde,id=net0,sock=" + socket, "virtio-net-pci", "KVMBOOT-NET-LEASE 192.168.53.");
                ItSupport.assertNoQemuLeft(out.toFile());
                Matcher lease = Pattern.compile("KVMBOOT-NET-LEASE (192\\.168\\.53\\.\\d+)").matcher(boot);
                assertTrue(lease.find());

                String status = maven(ns, "setup-switch", switchArgs, "-Dkvmboot.switch.action=status");
                assertContains(status, "vde_switch: running, pid " + daemons.get(0), "dnsmasq: running, pid " + daemons.get(1),
                        lease.group(1), GuestMac.forPath(out), "MASQUERADE", tap + ": up, address 192.168.53.1/24", "net.ipv4.ip_forward = 1 (was 0 before setup)");

                String second = maven(ns, "setup-switch", switchArgs);
                assertContains(second, "BUILD SUCCESS", "already set up; nothing changed");
                assertEquals(rulesAfterSetup, ns.iptablesSave(), "a second setup must not change iptables");
                assertEquals(daemons.get(0), pid(runDir.resolve("vde_switch.pid")), "the same vde_switch runs on");
                assertEquals(daemons.get(1), pid(dnsmasqDir.resolve("kvmboot-" + tap + ".pid")), "the same dnsmasq runs on");

                String teardown = maven(ns, "setup-switch", switchArgs, "-Dkvmboot.switch.action=teardown");
                assertContains(teardown, "BUILD SUCCESS", "torn down", "net.ipv4.ip_forward = 0 (restored)");
                assertEquals(rulesBefore, ns.iptablesSave(), "teardown must restore iptables exactly");
                assertEquals(forwardBefore, ns.ipForward(), "teardown must restore ip_forward");
                for (long pid : daemons) {
                    assertFalse(Files.exists(Path.of("/proc", Long.toString(pid))), "pid " + pid + " outlived teardown");
                }
                assertFalse(Files.exists(runDir), runDir + " left behind");
                assertFalse(ns.exec("ip", "-o", "link").contains(tap), "the tap outlived its switch");

                String again = maven(ns, "setup-switch", switchArgs, "-Dkvmboot.switch.action=teardown");
                assertContains(again, "BUILD SUCCESS", "no switch on " + tap + " to tear down");
            } finally {
                bystander.destroyForcibly();
                for (long pid : daemons) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                deleteTree(runDir);
            }
        }
    }

    @Test
    void conflictingDnsmasqIsDiagnosedAndAFailedSetupStillTearsDownCleanly() throws Exception {
        String tap = "kvmc" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF));
        Path runDir = SwitchConfig.defaultRunDir(tap);
        Path otherPid = work.resolve("other-dnsmasq.pid");
        try (NetNamespace ns = new NetNamespace()) {
            ns.exec("iptables", "-A", "FORWARD", "-s", "10.99.0.0/16", "-j", "DROP");
            ns.exec("iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "10.98.0.0/16", "-j", "MASQUERADE");
            String rulesBefore = ns.iptablesSave();
            String forwardBefore = ns.ipForward();
            // a DNS server on every interface, as a careless system dnsmasq would be
            ns.exec("dnsmasq", "--conf-file=/dev/null", "--port=53", "--pid-file=" + otherPid);
            List<String> switchArgs = List.of("-Dkvmboot.tapDev=" + tap, "-Dkvmboot.vdeSocket=" + work.resolve("sw.ctl"),
                    "-Dkvmboot.dnsmasqRunDir=" + work.resolve("dnsmasq"));
            try {
                String setup = maven(ns, "setup-switch", switchArgs);
                assertContains(setup, "BUILD FAILURE", "Address already in use",
                        "Another DNS/DHCP server already listens on all interfaces", "running: pid " + pid(otherPid),
                        "bind-interfaces", "except-interface=" + tap);
                assertFalse(setup.contains("at io.github"), "no stack trace:\n" + setup);

                String teardown = maven(ns, "setup-switch", switchArgs, "-Dkvmboot.switch.action=teardown");
                assertContains(teardown, "BUILD SUCCESS", "stopped vde_switch");
                assertEquals(forwardBefore, ns.ipForward());
                assertEquals(rulesBefore, ns.iptablesSave(), "teardown after a failed setup must restore iptables exactly");
                assertTrue(ProcessHandle.of(pid(otherPid)).isPresent(), "the other dnsmasq is not ours to stop");
            } finally {
                if (Files.exists(otherPid)) {
                    ProcessHandle.of(pid(otherPid)).ifPresent(ProcessHandle::destroy);
                }
                deleteTree(runDir);
            }
        }
    }

    private static long pid(Path pidFile) throws IOException {
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** Runs the installed plugin's goal with real Maven inside the namespace; returns its output. */
    private String maven(NetNamespace ns, String goal, List<String> args, String... more) throws Exception {
        Path settings = work.resolve("settings.xml");
        if (!Files.exists(settings)) {
            Files.writeString(settings, Files.readString(Path.of(System.getProperty("kvmboot.it.settings")))
                    .replace("@localRepositoryUrl@", Path.of(System.getProperty("kvmboot.it.userRepo")).toUri().toString()));
        }
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name,
                Path.of(System.getProperty("kvmboot.it.mavenHome"), "bin", "mvn").toString(),
                "-B", "-s", settings.toString(),
                "-Dmaven.repo.local=" + System.getProperty("kvmboot.it.localRepo"),
                "io.github.kvmboot:kvmboot-maven-plugin:" + System.getProperty("kvmboot.it.pluginVersion") + ":" + goal));
        command.addAll(args);
        command.addAll(List.of(more));
        Process maven = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!maven.waitFor(10, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
        }
        System.out.println("---- mvn " + goal + " " + String.join(" ", more) + "\n" + output);
        return output;
    }

    private static void assertContains(String output, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(output.contains(fragment), () -> "'" + fragment + "' missing from:\n" + output);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
