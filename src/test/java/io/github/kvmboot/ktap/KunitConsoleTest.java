package io.github.kvmboot.ktap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.supervisor.GuestSupervisor;
import io.github.kvmboot.supervisor.Outcome;
import io.github.kvmboot.testing.TestGuests;

/**
 * Real KUnit output: the console of the self-built test kernel (linux-source-6.1 with KUnit and
 * its example, list and KUnit self-test suites built in, see src/test/kernel/kvmboot-test.config),
 * committed as src/test/resources/ktap/kunit-6.1-console.txt, and a live boot of the same kernel.
 * KUnit's own per-suite "# Totals:" lines are the oracle, independent of the parser.
 *
 * <p>Regenerate the capture after changing the kernel fragment with {@code -Dkvmboot.updateKtapCapture=true}.
 */
class KunitConsoleTest {

    static final String CAPTURE = "/ktap/kunit-6.1-console.txt";
    private static final Pattern TOTALS = Pattern.compile("# Totals: pass:(\\d+) fail:(\\d+) skip:(\\d+) total:(\\d+)");
    private static final Pattern SUITE_RESULT = Pattern.compile("^(?:ok|not ok) \\d+ (\\S+)");

    @TempDir
    Path dir;

    static List<String> committedCapture() throws IOException {
        try (InputStream in = KunitConsoleTest.class.getResourceAsStream(CAPTURE)) {
            assertTrue(in != null, "missing test resource " + CAPTURE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static KtapResults parse(List<String> lines) {
        KtapParser parser = new KtapParser();
        lines.forEach(parser::accept);
        return parser.finish();
    }

    /** suite -> [pass, fail, skip, total] from KUnit's own "# Totals:" line printed before each suite's result. */
    static Map<String, List<Integer>> kunitTotals(List<String> lines) {
        Map<String, List<Integer>> totals = new LinkedHashMap<>();
        List<Integer> pending = null;
        for (String raw : lines) {
            String line = KtapLine.stripPrintkPrefix(raw);
            Matcher t = TOTALS.matcher(line);
            if (t.find()) {
                pending = List.of(Integer.parseInt(t.group(1)), Integer.parseInt(t.group(2)),
                        Integer.parseInt(t.group(3)), Integer.parseInt(t.group(4)));
                continue;
            }
            Matcher suite = SUITE_RESULT.matcher(line);
            if (pending != null && suite.find()) {
                totals.put(suite.group(1), pending);
                pending = null;
            }
        }
        return totals;
    }

    static Map<String, List<Integer>> parsedTotals(KtapResults results) {
        Map<String, List<Integer>> totals = new LinkedHashMap<>();
        for (KtapTest suite : results.tests()) {
            KtapCounts c = KtapCounts.of(new KtapResults(List.of(suite), 1).cases().stream()
                    .filter(k -> k.path().size() > 1).toList());
            totals.put(suite.name(), List.of(c.passed(), c.failed(), c.skipped(), c.total()));
        }
        return totals;
    }

    /** The suites' result lines (not indented) in the console, independent of the parser. */
    static List<String> suiteNames(List<String> lines) {
        List<String> names = new ArrayList<>();
        boolean inKtap = false;
        for (String raw : lines) {
            String line = KtapLine.stripPrintkPrefix(raw);
            inKtap |= line.equals("KTAP version 1");
            Matcher suite = SUITE_RESULT.matcher(line);
            if (inKtap && suite.find()) {
                names.add(suite.group(1));
            }
        }
        return names;
    }

    /** KUnit prints "# Totals:" only for suites with more than one test; compare those. */
    static void assertMatchesKunit(List<String> console, KtapResults results) {
        Map<String, List<Integer>> expected = kunitTotals(console);
        Map<String, List<Integer>> parsed = parsedTotals(results);
        assertEquals(suiteNames(console), List.copyOf(parsed.keySet()));
        parsed.keySet().retainAll(expected.keySet());
        assertEquals(expected, parsed);
    }

    @Test
    void committedCaptureMatchesKunitsOwnTotals() throws IOException {
        List<String> lines = committedCapture();
        KtapResults results = parse(lines);
        assertTrue(kunitTotals(lines).size() >= 3, "the capture should hold several suites");
        assertMatchesKunit(lines, results);
        assertEquals(1, results.documents());
        assertTrue(results.counts().skipped() > 0, "the example suite has a skipped test");
        assertEquals(0, results.counts().crashed());
        assertFalse(results.cases().stream().anyMatch(c -> c.fullName().contains("missing")));
        KtapTest log = results.tests().stream().filter(t -> t.name().equals("kunit-log-test")).findFirst().orElseThrow();
        assertTrue(log.subtests().get(0).diagnostics().contains("put this in log."),
                "lines printed while a test runs are its diagnostics");
    }

    @Test
    void theCaptureCutInsideASuiteCountsTheRestAsCrashed() throws IOException {
        List<String> lines = committedCapture();
        KtapResults whole = parse(lines);
        List<String> suites = whole.tests().stream().map(KtapTest::name).toList();
        int cutSuite = suites.indexOf("list-kunit-test");
        assertTrue(cutSuite > 0 && cutSuite < suites.size() - 1, suites::toString);
        int start = lines.indexOf(lines.stream().filter(l -> l.endsWith("# Subtest: list-kunit-test")).findFirst()
                .orElseThrow());
        int cut = start;
        int seen = 0;
        while (seen < 10) {
            if (KtapLine.stripPrintkPrefix(lines.get(++cut)).matches("    ok \\d+ .*")) {
                seen++;
            }
        }
        KtapResults truncated = parse(lines.subList(0, cut + 1));

        KtapCounts before = KtapCounts.of(new KtapResults(whole.tests().subList(0, cutSuite), 1).cases());
        int plan = whole.tests().get(cutSuite).plan();
        int suitesNeverStarted = suites.size() - cutSuite - 1; // each is one crashed test: its size is unknown
        assertEquals(new KtapCounts(before.passed() + 10, 0, before.skipped(), plan - 10 + suitesNeverStarted),
                truncated.counts());
        assertEquals("missing test 11", truncated.tests().get(cutSuite).subtests().get(10).name());
        assertEquals(KtapStatus.CRASHED, truncated.tests().get(cutSuite).status());
    }

    @Test
    void liveBootOfTheKunitKernelMatchesTheCommittedCapture() throws Exception {
        Path kernel = TestGuests.builtKernel();
        Path initrd = TestGuests.initramfs("poweroff -f");
        List<String> console = new ArrayList<>();
        KtapParser live = new KtapParser();
        GuestListener listener = new GuestListener() {
            @Override
            public void consoleLine(String line) {
                synchronized (console) {
                    console.add(line);
                }
                live.accept(line);
            }
        };
        List<String> command = List.of("qemu-system-x86_64", "-accel", "tcg", "-nodefaults", "-no-user-config",
                "-display", "none", "-serial", "stdio", "-m", "512", "-kernel", kernel.toString(),
                "-initrd", initrd.toString(), "-append", "console=ttyS0 panic=-1 no_timer_check", "-no-reboot");
        GuestRun run = new GuestRun(command, dir, Optional.empty(),
                Optional.of(Pattern.compile("Kernel panic - not syncing|Oops|BUG:|general protection fault")),
                Duration.ofMinutes(5), Optional.empty(), Optional.empty(), false, listener, Duration.ZERO,
                Optional.empty(), Optional.empty());
        GuestResult result = new GuestSupervisor(BuildLog.toStderr()).run(run);
        assertEquals(Outcome.GUEST_EXITED, result.outcome());
        assertFalse(ProcessHandle.of(result.qemuPid()).map(ProcessHandle::isAlive).orElse(false), "QEMU is gone");

        if (Boolean.getBoolean("kvmboot.updateKtapCapture")) {
            Path resource = Paths.get("src/test/resources").resolve(CAPTURE.substring(1));
            Files.createDirectories(resource.getParent());
            Files.write(resource, console, StandardCharsets.UTF_8);
        }
        KtapResults liveResults = live.finish();
        KtapResults committed = parse(committedCapture());
        assertEquals(committed.counts(), liveResults.counts());
        assertEquals(committed.cases().stream().map(c -> c.fullName() + "=" + c.status()).toList(),
                liveResults.cases().stream().map(c -> c.fullName() + "=" + c.status()).toList());
        assertMatchesKunit(console, liveResults);
    }
}
