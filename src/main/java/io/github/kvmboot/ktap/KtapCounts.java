package io.github.kvmboot.ktap;

import java.util.Collection;

/** How many reported test cases ended each way. */
public record KtapCounts(int passed, int failed, int skipped, int crashed) {

    public static KtapCounts of(Collection<KtapCase> cases) {
        int[] n = new int[KtapStatus.values().length];
        cases.forEach(c -> n[c.status().ordinal()]++);
        return new KtapCounts(n[KtapStatus.PASSED.ordinal()], n[KtapStatus.FAILED.ordinal()],
                n[KtapStatus.SKIPPED.ordinal()], n[KtapStatus.CRASHED.ordinal()]);
    }

    public int total() {
        return passed + failed + skipped + crashed;
    }

    @Override
    public String toString() {
        return total() + " tests: " + passed + " passed, " + failed + " failed, " + skipped + " skipped, "
                + crashed + " crashed";
    }
}
