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

    @Test
    void committedCaptureMatchesKunitsOwnTotals() throws IOException {
        List<String> lines = committedCapture();
        KtapResults results = parse(lines);
        Map<String, List<Integer>> expected = kunitTotals(lines);
        assertTrue(expected.size() >= 3, "the capture should hold several suites: " + expected);
        assertEquals(expected, parsedTotals(results));
        assertEquals(1, results.documents());
        assertTrue(results.counts().skipped() > 0, "the example suite has a skipped test");
        assertTrue(results.cases().stream().anyMatch(c -> c.path().size() == 3),
                "the example suite has a parameterized test (three-level names)");
        assertEquals(0, results.counts().crashed());
        assertFalse(results.cases().stream().anyMatch(c -> c.fullName().contains("missing")));
    }

    @Test
    void theCaptureCutAtAnyResultLineCountsTheRestAsCrashed() throws IOException {
        List<String> lines = committedCapture();
        KtapCounts whole = parse(lines).counts();
        int cut = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (KtapLine.stripPrintkPrefix(lines.get(i)).matches("    ok \\d+ .*")) {
                cut = i; // a test case result in the middle of a suite
                if (i > lines.size() / 2) {
                    break;
                }
            }
        }
        KtapCounts truncated = parse(lines.subList(0, cut + 1)).counts();
        assertEquals(whole.total(), truncated.total(), "plans make the missing tests count: " + truncated);
        assertTrue(truncated.crashed() > 0, truncated::toString);
        assertEquals(whole.total() - truncated.crashed(), truncated.passed() + truncated.failed() + truncated.skipped());
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
                "-initrd", initrd.toString(), "-append", "console=ttyS0 panic=-1", "-no-reboot");
        GuestRun run = new GuestRun(command, dir, Optional.empty(),
                Optional.of(Pattern.compile("Kernel panic - not syncing|Oops|BUG:|general protection fault")),
                Duration.ofMinutes(5), Optional.empty(), Optional.empty(), false, listener);
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
        assertEquals(kunitTotals(console), parsedTotals(liveResults));
    }
}
