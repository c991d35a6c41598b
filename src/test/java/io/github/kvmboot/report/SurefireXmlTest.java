package io.github.kvmboot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.kvmboot.ktap.KtapParser;

class SurefireXmlTest {

    @TempDir
    Path dir;

    static final String NASTY = "a\u0000b\u0001c\u001b[31md\u007f <&>\"' ]]> \ud800 tab\tend \uffff \ud83d\ude00";

    BootReport report() {
        KtapParser p = new KtapParser();
        ("KTAP version 1\n1..3\nok 1 fine\n# " + NASTY + "\nnot ok 2 broken " + NASTY + "\nok 3 later # SKIP why <not>\n")
                .lines().forEach(p::accept);
        return BootReport.of("kvmboot-default", Instant.parse("2026-01-02T03:04:05Z"),
                BootReportTest.times(10, 20, -1), List.of("console " + NASTY, "last"), BootReportTest.failed(1234),
                p.finish());
    }

    @Test
    void writesValidSurefireXmlThatReadsBackWithConsistentCounts() throws Exception {
        ReportFiles files = ReportFiles.in(dir, "default");
        files.write(report());
        assertEquals(dir.resolve("TEST-kvmboot-default.xml"), files.xml());
        ReportXmlCheck.Suite s = ReportXmlCheck.read(files.xml());
        assertEquals("kvmboot-default", s.name());
        assertEquals(7, s.tests());
        assertEquals(2, s.failures(), "init reached + the KTAP failure");
        assertEquals(0, s.errors());
        assertEquals(2, s.skipped(), "the final stage + the KTAP skip");
        ReportXmlCheck.Case broken = s.find("broken " + XmlText.clean(NASTY).strip().replace('\t', ' '));
        assertEquals("failure", broken.verdict());
        assertEquals("# " + XmlText.clean(NASTY).strip(), broken.body());
        assertEquals("why <not>", s.find("later").message().replace("SKIP ", ""));
        assertTrue(s.systemOut().contains("console a"), s.systemOut());
        assertTrue(s.systemOut().contains("<&>\"' ]]>"), "escaped, not dropped: " + s.systemOut());
        assertTrue(s.systemOut().contains("\ud83d\ude00"), "a valid supplementary character survives");
        String raw = Files.readString(files.xml(), StandardCharsets.UTF_8);
        assertTrue(raw.chars().noneMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r'));
        assertEquals("init reached", s.cases().stream().filter(c -> c.verdict().equals("failure")).findFirst()
                .orElseThrow().name());
    }

    @Test
    void cleanRemovesExactlyWhatXml10Forbids() {
        assertEquals("abc[31md\u007f <&>\"' ]]>  tab\tend  \ud83d\ude00", XmlText.clean(NASTY));
        assertEquals("plain", XmlText.clean("plain"));
    }

    @Test
    void theSchemaCheckRejectsWhatSurefireRejects() throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<testsuite name='x' tests='1' errors='0' skipped='0' failures='0' timestamp='now'>"
                + "<testcase name='t' time='1.0'/></testsuite>");
        assertThrows(Exception.class, () -> ReportXmlCheck.validate(bad), "unknown testsuite attribute");
        Files.writeString(bad, "<testsuite name='x' tests='1' errors='0' skipped='0' failures='1'>"
                + "<testcase name='t' time='1.0'><failure message='m'/></testcase></testsuite>");
        assertThrows(Exception.class, () -> ReportXmlCheck.validate(bad), "failure without type");
        Files.writeString(bad, "<testsuite name='x' tests='1' errors='0' skipped='0' failures='0'>"
                + "<testcase name='t' time='1,5'/></testsuite>");
        assertThrows(Exception.class, () -> ReportXmlCheck.validate(bad), "decimal comma");
        Files.writeString(bad, "<testsuite name='x' tests='2' errors='0' skipped='0' failures='0'>"
                + "<testcase name='t' classname='c' time='1.5'/></testsuite>");
        assertThrows(AssertionError.class, () -> ReportXmlCheck.read(bad), "count mismatch");
    }

    @Test
    void oneFilePairPerExecutionIdAndIdsAreMadeSafe() throws Exception {
        ReportFiles.in(dir, "first").write(report());
        ReportFiles.in(dir, "second").write(report());
        assertTrue(Files.exists(dir.resolve("TEST-kvmboot-first.xml")));
        assertTrue(Files.exists(dir.resolve("TEST-kvmboot-second.xml")));
        assertEquals(dir.resolve("TEST-kvmboot-a_b_.._c.xml"), ReportFiles.in(dir, "a/b/../c").xml());
        assertEquals("kvmboot-default", ReportFiles.suiteName(null));
    }

    @Test
    void jsonSummaryHasStagesCountsAndFailures() throws Exception {
        ReportFiles files = ReportFiles.in(dir, "j");
        files.write(report());
        JsonNode json = new ObjectMapper().readTree(files.json().toFile());
        assertEquals(false, json.get("passed").asBoolean());
        assertEquals("FAIL_PATTERN", json.get("outcome").asText());
        assertEquals("FAILED", json.get("stages").get(2).get("result").asText());
        assertEquals(3, json.get("ktap").get("total").asInt());
        assertEquals(1, json.get("ktap").get("passed").asInt());
        assertEquals(1, json.get("ktap").get("failed").asInt());
        assertEquals(1, json.get("ktap").get("skipped").asInt());
        assertEquals(0, json.get("ktap").get("crashed").asInt());
        assertTrue(json.get("ktap").get("failures").get(0).get("name").asText().startsWith("broken"));
    }

    @Test
    void timesUseADotAndThreeDecimals() {
        assertEquals("1234.568", SurefireXml.time(1234.5678));
        assertEquals("0.000", SurefireXml.time(-1));
    }

    @Test
    void runPropertiesGoToXmlPropertiesAndTheJsonSummaryInOrder() throws Exception {
        java.util.Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("kvmboot.kernel.release", "6.1.0-kvmboot");
        facts.put("kvmboot.qemu.command", "qemu-system-x86_64 -append 'a <b> & \"c\"'");
        facts.put("kvmboot.arch", "x86_64");
        ReportFiles files = ReportFiles.in(dir, "props");
        files.write(report().withProperties(facts));
        ReportXmlCheck.Suite s = ReportXmlCheck.read(files.xml());
        assertEquals("6.1.0-kvmboot", s.properties().get("kvmboot.kernel.release"));
        assertEquals("qemu-system-x86_64 -append 'a <b> & \"c\"'", s.properties().get("kvmboot.qemu.command"));
        assertEquals(List.of("kvmboot.timestamp", "kvmboot.outcome", "kvmboot.ktap.documents", "kvmboot.kernel.release",
                "kvmboot.qemu.command", "kvmboot.arch"), List.copyOf(s.properties().keySet()));
        JsonNode json = new ObjectMapper().readTree(files.json().toFile()).path("properties");
        assertEquals("x86_64", json.path("kvmboot.arch").asText());
        List<String> names = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("kvmboot.kernel.release", "kvmboot.qemu.command", "kvmboot.arch"), names);
    }
}
