package io.github.kvmboot.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;

/**
 * The goal's guards, for real: as the unprivileged user {@code nobody} (setpriv drops root and its
 * capabilities) a dry run prints the exact commands and a real run names the missing capability;
 * as root with a PATH lacking the tools, the error names the Debian and Fedora packages. None of
 * these may change anything: each is checked against this host's iptables and ip_forward.
 */
class SwitchCommandTest {

    /** The compiled classes, copied where {@code nobody} can read them (the clone may be under /root). */
    private static Path readableClasses;

    @TempDir
    Path dir;

    @BeforeAll
    static void copyClasses() throws IOException {
        readableClasses = Files.createTempDirectory("kvmboot-classes");
        for (String tree : List.of("target/classes", "target/test-classes")) {
            Path from = Path.of(tree).toAbsolutePath();
            try (var paths = Files.walk(from)) {
                for (Path p : paths.toList()) {
                    Path to = readableClasses.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else if (p.toString().endsWith(".class")) {
                        Files.copy(p, to);
                    }
                }
            }
        }
        try (var paths = Files.walk(readableClasses)) {
            for (Path p : paths.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @AfterAll
    static void deleteClasses() throws IOException {
        try (var paths = Files.walk(readableClasses)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Run(int exitCode, String output) { }

    private static Run asNobody(String... settings) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", readableClasses.toString(), SwitchCommandMain.class.getName()));
        argv.addAll(List.of(settings));
        Process p = new ProcessBuilder(argv).directory(new java.io.File("/")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the JVM as nobody hung");
        return new Run(p.exitValue(), out);
    }

    private static String hostState() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("iptables-save").redirectErrorStream(true).start();
        String rules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return rules.lines().filter(l -> !l.startsWith("#")).toList() + Files.readString(HostFacts.IP_FORWARD);
    }

    @Test
    void notRootNamesTheMissingCapabilityAndSuggestsSudoOrDryRun() throws Exception {
        String before = hostState();
        Run run = asNobody("kvmboot.tapDev=kvmnobody0");
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().startsWith("ERROR: kvmboot:setup-switch setup needs the capability CAP_NET_ADMIN"), run.output());
        assertTrue(run.output().contains("this user (nobody) lacks"), run.output());
        assertTrue(run.output().contains("sudo mvn kvmboot:setup-switch"), run.output());
        assertTrue(run.output().contains("-Dkvmboot.dryRun"), run.output());
        assertFalse(run.output().contains("\tat "), "no stack trace: " + run.output());
        assertFalse(Files.exists(SwitchConfig.defaultRunDir("kvmnobody0")));
        assertEquals(before, hostState());
    }

    @Test
    void dryRunNeedsNoRootAndPrintsTheExactCommands() throws Exception {
        String before = hostState();
        Run run = asNobody("kvmboot.dryRun=", "kvmboot.tapDev=kvmdry0", "kvmboot.netdev=lo",
                "kvmboot.vdeSocket=/tmp/a dir/sw.ctl");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("dry run of setup for switch kvmdry0; nothing is changed"), run.output());
        for (String command : List.of(
                "vde_switch --tap kvmdry0 --sock '/tmp/a dir/sw.ctl' --mode 660 --dirmode 2770 --group kvm --daemon --pidfile /run/kvmboot/kvmdry0/vde_switch.pid",
                "ip addr add 192.168.53.1/24 dev kvmdry0",
                "ip link set dev kvmdry0 up",
                "sysctl -w net.ipv4.ip_forward=1",
                "iptables -t nat -C POSTROUTING -s 192.168.53.0/24 -o lo -m comment --comment kvmboot:kvmdry0 -j MASQUERADE",
                "iptables -t nat -A POSTROUTING -s 192.168.53.0/24 -o lo -m comment --comment kvmboot:kvmdry0 -j MASQUERADE",
                "iptables -t filter -A FORWARD -o kvmdry0 -d 192.168.53.0/24 -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment kvmboot:kvmdry0 -j ACCEPT",
                "dnsmasq --conf-file=/dev/null --bind-interfaces --interface=kvmdry0 --except-interface=lo --dhcp-range=192.168.53.2,192.168.53.254,255.255.255.0,12h")) {
            assertTrue(run.output().contains(command), () -> "'" + command + "' missing from:\n" + run.output());
        }
        assertFalse(Files.exists(SwitchConfig.defaultRunDir("kvmdry0")));
        assertFalse(Files.exists(Path.of("/tmp/a dir")));
        assertEquals(before, hostState());

        Run teardown = asNobody("kvmboot.dryRun=true", "kvmboot.tapDev=kvmdry0", "kvmboot.switch.action=teardown");
        assertEquals(0, teardown.exitCode(), teardown.output());
        assertTrue(teardown.output().contains("iptables -t nat -D POSTROUTING -s 192.168.53.0/24 '!' -d 192.168.53.0/24"
                + " -m comment --comment kvmboot:kvmdry0 -j MASQUERADE"), teardown.output());
        assertTrue(teardown.output().contains("sysctl -w net.ipv4.ip_forward=PREVIOUS"), teardown.output());
    }

    @Test
    void missingToolsAreNamedWithTheirPackages() throws Exception {
        // a PATH with ip and sysctl but without vde_switch, dnsmasq and iptables
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("ip", "sysctl")) {
            Path real = new HostEnvironment(dir, dir, dir, 1, System.getenv(), false, dir).findExecutable(tool).orElseThrow();
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Map<String, String> env = Map.of("PATH", bin.toString());
        HostEnvironment host = new HostEnvironment(dir, dir, dir, 1, env, false, dir);
        String before = hostState();
        KvmbootException e = assertThrows(KvmbootException.class, () -> new SwitchCommand(BuildLog.toStderr(), host::resolve,
                host::findExecutable, bin.toString(), Path.of("/sys/class/net"))
                .run(new SettingsResolver(Map.of(), Map.of("kvmboot.tapDev", "kvmtools0"), Map.of(), env).resolve()));
        assertEquals("kvmboot:setup-switch needs vde_switch, dnsmasq, iptables, iptables-save, not found on PATH (" + bin
                + "). Fix: install them (Debian/Ubuntu: sudo apt-get install vde2 dnsmasq-base iptables;"
                + " Fedora: sudo dnf install vde2 dnsmasq iptables), or put their directory (often /usr/sbin) on PATH.", e.getMessage());
        assertFalse(Files.exists(SwitchConfig.defaultRunDir("kvmtools0")));
        assertEquals(before, hostState());
    }

    @Test
    void anUnknownActionIsASettingError() {
        Exception e = assertThrows(KvmbootException.class, () -> new SwitchCommand(BuildLog.toStderr(), Path::of,
                name -> java.util.Optional.empty(), "", Path.of("/sys/class/net"))
                .run(new SettingsResolver(Map.of(), Map.of("kvmboot.switch.action", "restart"), Map.of(), Map.of()).resolve()));
        assertTrue(e.getMessage().startsWith("kvmboot.switchAction = 'restart' (from -Dkvmboot.switch.action on the command line)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("setup, status, reset, teardown") || e.getMessage().contains("setup"), e.getMessage());
    }
}
