package io.github.kvmboot.build;

/** A requested option whose value did not survive olddefconfig. */
public record UnsatisfiedOption(String symbol, String requested, String actual, String fragment) {

    /** Every requested value, else "not set"; {@code =m} is also met by {@code =y} (modules off). */
    static boolean satisfied(String requested, String actual) {
        if (requested.equals("n")) {
            return true; // switching off is best effort: something else may select it
        }
        if (requested.equals("m")) {
            return "m".equals(actual) || "y".equals(actual);
        }
        return requested.equals(actual);
    }

    public String describeActual() {
        return actual == null || actual.equals("n") ? "is not set" : "is " + actual;
    }
}
