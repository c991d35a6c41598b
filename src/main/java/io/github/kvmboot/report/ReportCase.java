package io.github.kvmboot.report;

import java.util.Objects;

/**
 * One JUnit test case of a report.
 *
 * @param message short text for the failure/error/skipped element ({@code ""} when passed)
 * @param type    the failure/error type attribute (e.g. {@code kvmboot.crash}, {@code ktap.failed})
 * @param detail  the element body: console excerpt or KTAP diagnostics
 * @param output  the test case's {@code <system-out>}, empty for none
 */
public record ReportCase(String className, String name, double seconds, Verdict verdict, String message,
        String type, String detail, String output) {

    public enum Verdict { PASSED, FAILED, ERROR, SKIPPED }

    public ReportCase {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(output, "output");
    }

    static ReportCase passed(String className, String name, double seconds) {
        return new ReportCase(className, name, seconds, Verdict.PASSED, "", "", "", "");
    }

    ReportCase withOutput(String text) {
        return new ReportCase(className, name, seconds, verdict, message, type, detail, text);
    }
}
