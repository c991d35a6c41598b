package io.github.kvmboot.ktap;

import java.util.List;
import java.util.Objects;

/**
 * One test of a KTAP document: a leaf test case or a test with subtests (a KUnit suite, a
 * parameterized test).
 *
 * @param number      its number in the parent's list (1-based)
 * @param name        the name from its result line (or {@code # Subtest:} line); for a test with no
 *                    result line {@code "missing test N"} unless a subtest header named it
 * @param status      its own status; a test with a crashed subtest is CRASHED too (as kunit.py does)
 * @param directive   the text after {@code # SKIP} / {@code # TODO} on the result line, or empty
 * @param diagnostics the lines printed for it: its {@code # ...} lines and any other console lines
 *                    seen while it ran (for a crash, the panic), without the printk timestamp
 * @param subtests    empty for a leaf
 * @param plan        the number of subtests its plan line announced, or -1 without a plan
 */
public record KtapTest(int number, String name, KtapStatus status, String directive, List<String> diagnostics,
        List<KtapTest> subtests, int plan) {

    public KtapTest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(directive, "directive");
        diagnostics = List.copyOf(diagnostics);
        subtests = List.copyOf(subtests);
    }

    public boolean isLeaf() {
        return subtests.isEmpty();
    }

    /** True when this test or a subtest at any depth has the status. */
    public boolean anyHas(KtapStatus wanted) {
        return status == wanted || subtests.stream().anyMatch(t -> t.anyHas(wanted));
    }

    boolean anyDescendantBad() {
        return subtests.stream().anyMatch(t -> t.status.isBad() || t.anyDescendantBad());
    }
}
