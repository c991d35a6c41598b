package io.github.kvmboot.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


import io.github.kvmboot.json.Json;
import io.github.kvmboot.ktap.KtapCase;
import io.github.kvmboot.ktap.KtapCounts;

/** The JSON summary beside the XML: stage results, KTAP counts and the failed tests, for scripts. */
public final class JsonSummary {


    private JsonSummary() {
    }

    public static void write(BootReport report, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Json.writePretty(file, toMap(report));
    }

    static Map<String, Object> toMap(BootReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("suite", report.suiteName());
        json.put("timestamp", report.timestamp().toString());
        json.put("passed", !report.hasFailures());
        json.put("outcome", report.end().outcome());
        json.put("message", report.end().message());
        json.put("seconds", report.seconds());
        json.put("properties", report.properties());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (ReportCase c : report.cases()) {
            if (c.className().endsWith(".boot")) {
                Map<String, Object> stage = new LinkedHashMap<>();
                stage.put("name", c.name());
                stage.put("result", c.verdict().name());
                stage.put("seconds", c.seconds());
                if (!c.message().isEmpty()) {
                    stage.put("message", c.message());
                }
                stages.add(stage);
            }
        }
        json.put("stages", stages);
        Map<String, Object> ktap = new LinkedHashMap<>();
        KtapCounts counts = report.ktap().counts();
        ktap.put("documents", report.ktap().documents());
        ktap.put("total", counts.total());
        ktap.put("passed", counts.passed());
        ktap.put("failed", counts.failed());
        ktap.put("skipped", counts.skipped());
        ktap.put("crashed", counts.crashed());
        List<Map<String, Object>> bad = new ArrayList<>();
        for (KtapCase c : report.ktap().badCases()) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", c.fullName());
            test.put("status", c.status().name());
            test.put("diagnostics", c.test().diagnostics());
            bad.add(test);
        }
        ktap.put("failures", bad);
        json.put("ktap", ktap);
        return json;
    }
}
