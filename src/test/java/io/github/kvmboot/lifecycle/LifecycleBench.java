package io.github.kvmboot.lifecycle;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.kvmboot.boot.BootRun;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.testing.TestGuests;

/**
 * bench/lifecycle.sh (not a test): for the httpd guest of the start/stop ITs, the time from start
 * returning to the first successful request, and the start/stop pair against a plain boot of the
 * same kernel and exec initramfs whose command exits at once. Prints medians of N rounds in ms.
 */
public final class LifecycleBench {

    private static final String HTTPD = "mkdir -p /www && cat /proc/version > /www/version && busybox httpd -f -p 8080 -h /www";

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args.length > 0 ? args[0] : "3");
        Path work = Files.createTempDirectory("kvmboot-bench-lifecycle");
        BuildLog quiet = BuildLog.toStderr();
        List<Long> boot = new ArrayList<>(), ready = new ArrayList<>(), firstRequest = new ArrayList<>(),
                stop = new ArrayList<>(), pair = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            HostEnvironment host = new HostEnvironment(work, work.resolve("out" + round), work.resolve("home"), 2,
                    env(), false, work.resolve("cache"));
            long t0 = System.nanoTime();
            new BootRun(quiet, host).run(settings(Map.of("kvmboot.exec", "cat /proc/version")), "plain",
                    Optional.empty(), (k, v) -> { });
            boot.add(ms(t0));

            Map<String, String> published = new HashMap<>();
            long t1 = System.nanoTime();
            new StartRun(quiet, host).start(settings(Map.of("kvmboot.exec", HTTPD, "kvmboot.forward", "tcp:8080",
                    "kvmboot.waitFor", "tcp:8080")), "web", Optional.empty(), published::put);
            ready.add(ms(t1));
            long t2 = System.nanoTime();
            firstSuccess(Integer.parseInt(published.get("kvmboot.port.8080")));
            firstRequest.add(ms(t2));
            long t3 = System.nanoTime();
            new StopRun(quiet, host).stop(new SettingsResolver(Map.of(), Map.of(), Map.of(), env()).resolve());
            stop.add(ms(t3));
            pair.add(ready.get(round) + stop.get(round));
        }
        System.out.printf("lifecycle: test kernel, exec initramfs, TCG, user network, N=%d (medians, ms)%n", rounds);
        System.out.printf("  plain kvmboot boot, command exits at once   %6d%n", median(boot));
        System.out.printf("  start until waitFor tcp:8080 held           %6d%n", median(ready));
        System.out.printf("  start returned -> first HTTP 200            %6d%n", median(firstRequest));
        System.out.printf("  stop (ACPI power-down, report)              %6d%n", median(stop));
        System.out.printf("  start + stop pair                           %6d   ratio pair/boot %.2f%n", median(pair),
                median(pair) / (double) median(boot));
    }

    private static void firstSuccess(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                .timeout(Duration.ofSeconds(10)).build();
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // poll again
            }
            Thread.sleep(5);
        }
    }

    private static ResolvedSettings settings(Map<String, String> extra) throws Exception {
        Map<String, String> cli = new HashMap<>(extra);
        cli.put("kernel", TestGuests.kernel().toString());
        cli.put("kvmboot.modules", TestGuests.modulesDir().toString());
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "user");
        cli.put("kvmboot.memory", "256");
        cli.put("kvmboot.timeout", "300");
        return new SettingsResolver(Map.of(), cli, Map.of(), env()).resolve();
    }

    private static Map<String, String> env() {
        return Map.of("PATH", System.getenv("PATH"));
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
