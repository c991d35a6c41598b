package io.github.kvmboot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.ktap.KtapParser;
import io.github.kvmboot.ktap.KtapResults;

class BootReportTest {

    static final KtapResults NO_KTAP = new KtapParser().finish();

    static StageTimes times(long qemu, long kernel, long init) {
        return new StageTimes(at(qemu), at(kernel), at(init));
    }

    static OptionalLong at(long millis) {
        return millis < 0 ? OptionalLong.empty() : OptionalLong.of(millis * 1_000_000);
    }

    static RunEnd passed(String stage, long millis) {
        return new RunEnd(true, "EXPECT_MATCHED", stage, "", List.of(), Duration.ofMillis(millis));
    }

    static RunEnd failed(long millis) {
        return new RunEnd(false, "FAIL_PATTERN", "guest powered off",
                "Fail pattern seen on the console at line 3: Kernel panic - not syncing: boom\nmore",
                List.of("  2 | before", "> 3 | Kernel panic - not syncing: boom"), Duration.ofMillis(millis));
    }

    static List<String> verdicts(BootReport r) {
        return r.cases().stream().map(c -> c.name() + "=" + c.verdict()).toList();
    }

    @Test
    void aPassedRunHasOnePassedCasePerStageWithItsDuration() {
        BootReport r = BootReport.of("kvmboot-x", Instant.EPOCH, times(100, 300, 1300), List.of("a", "b"),
                passed("expect matched", 2000), NO_KTAP);
        assertEquals(List.of("QEMU started=PASSED", "kernel entered=PASSED", "init reached=PASSED",
                "expect matched=PASSED"), verdicts(r));
        assertEquals(List.of(0.1, 0.2, 1.0, 0.7), r.cases().stream().map(ReportCase::seconds).toList());
        assertEquals("kvmboot-x.boot", r.cases().get(0).className());
        assertEquals("a\nb\n", r.cases().get(3).output(), "the console tail goes to the last stage");
        assertTrue(!r.hasFailures());
    }

    @Test
    void aPanicBeforeInitFailsInitReachedQuotesTheConsoleAndSkipsTheRest() {
        BootReport r = BootReport.of("kvmboot-x", Instant.EPOCH, times(100, 300, -1), List.of(), failed(900), NO_KTAP);
        assertEquals(List.of("QEMU started=PASSED", "kernel entered=PASSED", "init reached=FAILED",
                "guest powered off=SKIPPED"), verdicts(r));
        ReportCase init = r.cases().get(2);
        assertEquals("Fail pattern seen on the console at line 3: Kernel panic - not syncing: boom: "
                + "Kernel panic - not syncing: boom", init.message(), "the culprit line is quoted");
        assertTrue(init.detail().contains("> 3 | Kernel panic - not syncing: boom"), init.detail());
        assertEquals(0.6, init.seconds(), 1e-9);
        assertTrue(init.detail().startsWith("Fail pattern seen"), init.detail());
        assertTrue(r.hasFailures());
    }

    @Test
    void aFailureAfterEveryStageFailsTheFinalStage() {
        BootReport r = BootReport.of("kvmboot-x", Instant.EPOCH, times(100, 300, 500), List.of(), failed(900), NO_KTAP);
        assertEquals("guest powered off=FAILED", verdicts(r).get(3));
    }

    @Test
    void qemuNeverStartingFailsTheFirstStage() {
        BootReport r = BootReport.of("kvmboot-x", Instant.EPOCH, times(-1, -1, -1), List.of(), failed(10), NO_KTAP);
        assertEquals(List.of("QEMU started=FAILED", "kernel entered=SKIPPED", "init reached=SKIPPED",
                "guest powered off=SKIPPED"), verdicts(r));
    }

    @Test
    void aStageNotSeenInAPassedRunIsSkippedNotFailed() {
        BootReport r = BootReport.of("kvmboot-x", Instant.EPOCH, times(100, 300, -1), List.of(),
                passed("expect matched", 800), NO_KTAP);
        assertEquals(List.of("QEMU started=PASSED", "kernel entered=PASSED", "init reached=SKIPPED",
                "expect matched=PASSED"), verdicts(r));
        assertEquals(0.5, r.cases().get(3).seconds(), 1e-9);
    }

    @Test
    void ktapTestsBecomeCasesNamedSuiteDotTest() {
        KtapParser p = new KtapParser();
        """
                KTAP version 1
                1..1
                    KTAP version 1
                    # Subtest: s
                    1..4
                    ok 1 good
                    ok 2 skip # SKIP not here
                    # bad: EXPECTATION FAILED at x.c:1
                    #     Expected 1 == 2
                    not ok 3 bad
                """.lines().forEach(p::accept);
        BootReport r = BootReport.of("kvmboot-x", Instant.EPOCH, times(1, 2, 3), List.of(), passed("guest powered off", 5),
                p.finish());
        List<ReportCase> ktap = r.cases().subList(4, r.cases().size());
        assertEquals(List.of("s.good=PASSED", "s.skip=SKIPPED", "s.bad=FAILED", "s.missing test 4=ERROR"),
                ktap.stream().map(c -> c.name() + "=" + c.verdict()).toList());
        assertEquals("kvmboot-x.ktap", ktap.get(0).className());
        assertEquals("SKIP not here", ktap.get(1).message());
        assertEquals("Expected 1 == 2", ktap.get(2).message());
        assertEquals("# bad: EXPECTATION FAILED at x.c:1\n#     Expected 1 == 2", ktap.get(2).detail());
        assertEquals("ktap.crashed", ktap.get(3).type());
        assertTrue(r.hasFailures());
    }

    @Test
    void theConsoleTailIsBounded() {
        List<String> tail = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            tail.add("line " + i + " " + "x".repeat(100));
        }
        String out = BootReport.of("s", Instant.EPOCH, times(1, 2, 3), tail, passed("done", 4), NO_KTAP)
                .cases().get(3).output();
        assertTrue(out.length() <= BootReport.MAX_OUTPUT_CHARS + 100, "length " + out.length());
        assertTrue(out.endsWith("line 4999 " + "x".repeat(100) + "\n"));
        assertTrue(out.startsWith("[earlier console lines: see console.log]"));
    }
}
