package io.github.kvmboot.ktap;

/** The outcome of one KTAP test. */
public enum KtapStatus {
    PASSED,
    FAILED,
    SKIPPED,
    /** No result line: the kernel stopped reporting (crashed, hung or the plan promised more tests). */
    CRASHED;

    /** True for FAILED and CRASHED: results that should fail a build. */
    public boolean isBad() {
        return this == FAILED || this == CRASHED;
    }
}
