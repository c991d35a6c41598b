package io.github.kvmboot.report;

import java.io.IOException;
import java.nio.file.Path;

/** Where a run's reports go: {@code TEST-kvmboot-<id>.xml} and {@code kvmboot-<id>.json}, one pair per execution id. */
public record ReportFiles(Path xml, Path json) {

    public static ReportFiles in(Path directory, String executionId) {
        String id = safe(executionId);
        return new ReportFiles(directory.resolve("TEST-kvmboot-" + id + ".xml"),
                directory.resolve("kvmboot-" + id + ".json"));
    }

    /** The suite name for an execution id. */
    public static String suiteName(String executionId) {
        return "kvmboot-" + safe(executionId);
    }

    /** Execution ids are free text in a POM: keep them usable as one file name. */
    static String safe(String executionId) {
        String id = executionId == null || executionId.isBlank() ? "default" : executionId.strip();
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public void write(BootReport report) throws IOException {
        SurefireXml.write(report, xml);
        JsonSummary.write(report, json);
    }
}
