package io.github.kvmboot.ktap;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything parsed from a console: the top-level tests of every KTAP document seen (for KUnit, one
 * per suite).
 */
public record KtapResults(List<KtapTest> tests, int documents) {

    public KtapResults {
        tests = List.copyOf(tests);
    }

    public boolean isEmpty() {
        return documents == 0;
    }

    /**
     * The tests to report, in console order: every leaf, plus each test with subtests whose own
     * FAILED or CRASHED status is not explained by a bad subtest (e.g. a suite that crashed after
     * its last test case, or failed in its exit code), so that no failure goes unreported.
     */
    public List<KtapCase> cases() {
        List<KtapCase> out = new ArrayList<>();
        tests.forEach(t -> collect(new ArrayList<>(), t, out));
        return out;
    }

    public KtapCounts counts() {
        return KtapCounts.of(cases());
    }

    /** The failed and crashed cases. */
    public List<KtapCase> badCases() {
        return cases().stream().filter(c -> c.status().isBad()).toList();
    }

    private static void collect(List<String> parentPath, KtapTest test, List<KtapCase> out) {
        List<String> path = new ArrayList<>(parentPath);
        path.add(test.name());
        if (test.isLeaf() || (test.status().isBad() && !test.anyDescendantBad())) {
            out.add(new KtapCase(path, test));
        }
        test.subtests().forEach(sub -> collect(path, sub, out));
    }
}
