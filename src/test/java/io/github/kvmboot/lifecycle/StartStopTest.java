package io.github.kvmboot.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.kernel.BzImage;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.RunningGuests;
import io.github.kvmboot.testing.TestGuests;

/**
 * start and stop with a real guest: busybox httpd in the exec initramfs (the cloud kernel's
 * virtio_net from kvmboot.modules) serving what only the guest knows, through a forwarded port.
 */
class StartStopTest {

    private static final String HTTPD = "mkdir -p /www && cat /proc/version > /www/version && busybox httpd -f -p 8080 -h /www";

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> published = new HashMap<>();
    private final TextLog log = new TextLog();

    /** The build log's lines, also printed. */
    static final class TextLog implements BuildLog {
        private final StringBuilder text = new StringBuilder();

        @Override public void debug(String m) { System.err.println("[DEBUG] " + m); }
        @Override public synchronized void info(String m) { text.append(m).append('\n'); System.err.println("[INFO] " + m); }
        @Override public synchronized void warn(String m) { text.append(m).append('\n'); System.err.println("[WARN] " + m); }
        @Override public synchronized void error(String m) { text.append(m).append('\n'); System.err.println("[ERROR] " + m); }
        @Override public boolean isDebugEnabled() { return false; }

        synchronized String text() {
            return text.toString();
        }
    }

    private HostEnvironment host() {
        return new HostEnvironment(dir, dir.resolve("out"), dir.resolve("home"), 2, env, false, dir.resolve("cache"));
    }

    private ResolvedSettings settings() throws Exception {
        env.put("PATH", System.getenv("PATH"));
        cli.put("kernel", TestGuests.kernel().toString());
        cli.put("kvmboot.modules", TestGuests.modulesDir().toString());
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "user");
        cli.put("kvmboot.vdeSocket", dir.resolve("no-switch.ctl").toString());
        cli.put("kvmboot.memory", "512");
        cli.put("kvmboot.exec", HTTPD);
        return new SettingsResolver(Map.of(), cli, Map.of(), env).resolve();
    }

    @Test
    void startReturnsWhenTheGuestAnswersOnItsForwardedPortAndStopStopsIt() throws Exception {
        cli.put("kvmboot.forward", "tcp:8080,tcp:8081");
        cli.put("kvmboot.waitFor", "tcp:8080");
        cli.put("kvmboot.timeout", "240");
        ResolvedSettings settings = settings();
        new StartRun(log, host()).start(settings, "web", java.util.Optional.empty(), published::put);
        Path guestDir = dir.resolve("out/web");
        long pid = Long.parseLong(Files.readString(guestDir.resolve("qemu.pid")).trim());
        try {
            int port = Integer.parseInt(published.get("kvmboot.port.8080"));
            Properties ports = new Properties();
            try (InputStream in = Files.newInputStream(guestDir.resolve("ports.properties"))) {
                ports.load(in);
            }
            assertEquals(Integer.toString(port), ports.getProperty("kvmboot.port.8080"));
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            String release = BzImage.readRelease(TestGuests.kernel());
            assertTrue(page.body().contains(release), page.body());

            // the measured fact TcpProbe relies on: slirp accepts on the host, then closes at once
            int closedPort = Integer.parseInt(published.get("kvmboot.port.8081"));
            long t0 = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), 1000);
                s.setSoTimeout(5000);
                assertEquals(-1, s.getInputStream().read(), "slirp kept the connection to a closed guest port open");
            }
            System.err.println("slirp closed the connection to a closed guest port after "
                    + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
            assertFalse(TcpProbe.answers(closedPort));
            assertTrue(TcpProbe.answers(port));
        } finally {
            // a grace far longer than the test's patience: only the guest powering itself off ends it early
            new StopRun(log, host()).stop(new SettingsResolver(Map.of(), Map.of("kvmboot.stopTimeout", "600"), Map.of(), env).resolve());
        }
        assertTrue(log.text().contains("Guest stopped on request (QEMU exit code 0)"),
                "the exec guest's init did not power off on ACPI power-down (acpid, button, evdev):\n" + log.text());
        assertGone(pid);
        assertTrue(RunningGuests.find(guestDir).isEmpty());
        assertFalse(Files.exists(guestDir.resolve("guest.json")));
        assertTrue(Files.exists(dir.resolve("out/web/reports/TEST-kvmboot-web.xml")));
    }

    @Test
    void keepRunningLeavesTheGuestUpAfterStopAndALaterStopFindsItByItsDirectory() throws Exception {
        cli.put("kvmboot.forward", "tcp:8080");
        cli.put("kvmboot.waitFor", "tcp:8080");
        cli.put("kvmboot.timeout", "240");
        cli.put("kvmboot.keepRunning", "true");
        new StartRun(log, host()).start(settings(), "kept", java.util.Optional.empty(), published::put);
        Path guestDir = dir.resolve("out/kept");
        long pid = Long.parseLong(Files.readString(guestDir.resolve("qemu.pid")).trim());
        int port = Integer.parseInt(published.get("kvmboot.port.8080"));
        try {
            new StopRun(log, host()).stop(new SettingsResolver(Map.of(), Map.of("kvmboot.keepRunning", "true"), Map.of(), env).resolve());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "keepRunning: QEMU was stopped");
            assertTrue(RunningGuests.find(guestDir).isEmpty(), "the guest is no longer supervised by this JVM");
            assertTrue(io.github.kvmboot.supervisor.GuestRecord.find(guestDir).isPresent(), "guest.json gone: a later stop cannot find it");
            assertTrue(log.text().contains("keeps running (kvmboot.keepRunning)"), log.text());
            assertTrue(log.text().contains("127.0.0.1:" + port + " -> guest port 8080"), log.text());
            assertTrue(log.text().contains("mvn kvmboot:stop -Dkvmboot.name=kept"), log.text());
            assertTrue(Files.exists(guestDir.resolve("reports/TEST-kvmboot-kept.xml")), "the life so far is reported");
            // QEMU writes the console itself: it still grows with nobody reading it
            long before = Files.size(guestDir.resolve("console.log"));
            assertTrue(TcpProbe.answers(port), "the guest no longer answers after its supervision ended");
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(before > 0);
        } finally {
            new StopRun(log, host()).stop(new SettingsResolver(Map.of(), Map.of("kvmboot.stopTimeout", "600"), Map.of(), env).resolve());
        }
        assertTrue(log.text().contains("kvmboot: stopped the guest in " + guestDir), log.text());
        assertGone(pid);
        assertFalse(Files.exists(guestDir.resolve("guest.json")), "guest.json left behind");
        assertFalse(Files.exists(guestDir.resolve("qemu.pid")), "pid file left behind");
    }

    @Test
    void waitingForAPortNothingListensOnFailsAtTheTimeoutAndLeavesNoQemu() throws Exception {
        cli.put("kvmboot.forward", "tcp:8080,tcp:9999");
        cli.put("kvmboot.waitFor", "tcp:9999");
        cli.put("kvmboot.timeout", "40");
        ResolvedSettings settings = settings();
        KvmbootException e = assertThrows(KvmbootException.class, () -> new StartRun(BuildLog.toStderr(), host())
                .start(settings, "closed", java.util.Optional.empty(), published::put));
        assertTrue(e.getMessage().contains("kvmboot.timeout"), e.getMessage());
        assertTrue(e.getMessage().contains("guest port 9999"), e.getMessage());
        Path guestDir = dir.resolve("out/closed");
        assertTrue(RunningGuests.find(guestDir).isEmpty());
        assertFalse(Files.exists(guestDir.resolve("qemu.pid")), "pid file left: QEMU not stopped");
        long pid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(guestDir.resolve("result.json").toFile())
                .path("qemuPid").asLong();
        assertTrue(pid > 0);
        assertGone(pid);
    }

    private static void assertGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU " + pid + " still runs");
    }
}
