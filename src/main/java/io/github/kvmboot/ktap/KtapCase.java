package io.github.kvmboot.ktap;

import java.util.List;

/**
 * A test as reported (one JUnit test case): the path from the top-level test (the KUnit suite)
 * down to it.
 */
public record KtapCase(List<String> path, KtapTest test) {

    public KtapCase {
        path = List.copyOf(path);
    }

    /** The path joined with dots: {@code suite.test} or {@code suite.test.parameter}. */
    public String fullName() {
        return String.join(".", path);
    }

    /** The top-level test's name (the KUnit suite). */
    public String suite() {
        return path.get(0);
    }

    public KtapStatus status() {
        return test.status();
    }
}
