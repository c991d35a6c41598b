package io.github.kvmboot.ktap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Hand-made KTAP edge cases, written the way KUnit prints them on the console. */
class KtapParserTest {

    static KtapResults parse(String text) {
        KtapParser parser = new KtapParser();
        text.lines().forEach(parser::accept);
        return parser.finish();
    }

    static List<String> names(KtapResults r) {
        return r.cases().stream().map(c -> c.fullName() + "=" + c.status()).toList();
    }

    @Test
    void nestedSuitesWithTimestampsSkipAndParameters() {
        KtapResults r = parse("""
                [    0.100000] Run some early stuff
                [    0.200000] KTAP version 1
                [    0.200001] 1..2
                [    0.200002]     KTAP version 1
                [    0.200003]     # Subtest: example
                [    0.200004]     1..3
                [    0.200005]     ok 1 example_simple_test
                [    0.200006]     # example_skip_test: this test should be skipped
                [    0.200007]     ok 2 example_skip_test # SKIP this test should be skipped
                [    0.200008]         KTAP version 1
                [    0.200009]         # Subtest: example_params_test
                [    0.200010]         ok 1 example value 3
                [    0.200011]         ok 2 example value 2 # SKIP unsupported
                [    0.200012]     # example_params_test: pass:1 fail:0 skip:1 total:2
                [    0.200013]     ok 3 example_params_test
                [    0.200014] # example: pass:2 fail:0 skip:1 total:3
                [    0.200015] ok 1 example
                [    0.200016]     KTAP version 1
                [    0.200017]     # Subtest: list-kunit-test
                [    0.200018]     1..2
                [    0.200019]     # list_test_fail: EXPECTATION FAILED at lib/list-test.c:12
                [    0.200020]     \\x2Expected a == b, but
                [    0.200021]     not ok 1 list_test_fail
                [    0.200022]     ok 2 list_test_pass
                [    0.200023] not ok 2 list-kunit-test
                [    0.300000] Freeing unused kernel image (initmem) memory: 1000K
                """);
        assertEquals(List.of("example.example_simple_test=PASSED", "example.example_skip_test=SKIPPED",
                "example.example_params_test.example value 3=PASSED",
                "example.example_params_test.example value 2=SKIPPED",
                "list-kunit-test.list_test_fail=FAILED", "list-kunit-test.list_test_pass=PASSED"), names(r));
        assertEquals(new KtapCounts(3, 1, 2, 0), r.counts());
        assertEquals(1, r.documents());
        KtapTest skipped = r.cases().get(1).test();
        assertEquals("SKIP this test should be skipped", skipped.directive());
        KtapTest failed = r.cases().get(4).test();
        assertEquals(List.of("# list_test_fail: EXPECTATION FAILED at lib/list-test.c:12", "\\x2Expected a == b, but"),
                failed.diagnostics());
        assertEquals(KtapStatus.FAILED, r.tests().get(1).status());
        assertEquals(3, r.tests().get(0).plan());
    }

    @Test
    void missingTestsOfAPlanAreCrashed() {
        KtapResults r = parse("""
                KTAP version 1
                1..1
                    KTAP version 1
                    # Subtest: short
                    1..5
                    ok 1 a
                    ok 2 b
                    ok 3 c
                ok 1 short
                """);
        assertEquals(List.of("short.a=PASSED", "short.b=PASSED", "short.c=PASSED", "short.missing test 4=CRASHED",
                "short.missing test 5=CRASHED"), names(r));
        assertEquals(new KtapCounts(3, 0, 0, 2), r.counts());
        assertEquals(KtapStatus.CRASHED, r.tests().get(0).status(), "a crashed subtest makes the suite crashed");
    }

    @Test
    void outputStoppingMidSuiteCrashesTheRunningTestAndKeepsThePanic() {
        KtapResults r = parse("""
                [    1.0] KTAP version 1
                [    1.0] 1..3
                [    1.0]     KTAP version 1
                [    1.0]     # Subtest: first
                [    1.0]     1..1
                [    1.0]     ok 1 fine
                [    1.0] ok 1 first
                [    1.0]     KTAP version 1
                [    1.0]     # Subtest: second
                [    1.0]     1..3
                [    1.0]     ok 1 before_crash
                [    1.1] BUG: kernel NULL pointer dereference, address: 0000000000000000
                [    1.1] Kernel panic - not syncing: Fatal exception
                """);
        assertEquals(List.of("first.fine=PASSED", "second.before_crash=PASSED", "second.missing test 2=CRASHED",
                "second.missing test 3=CRASHED", "missing test 3=CRASHED"), names(r));
        assertEquals(new KtapCounts(2, 0, 0, 3), r.counts());
        KtapTest running = r.cases().get(2).test();
        assertTrue(running.diagnostics().contains("Kernel panic - not syncing: Fatal exception"), running.diagnostics()::toString);
        assertEquals(List.of(), r.cases().get(3).test().diagnostics());
        assertEquals(KtapStatus.CRASHED, r.tests().get(1).status());
    }

    @Test
    void garbageAndInterleavedKernelMessagesAreIgnoredForStructure() {
        KtapResults r = parse("""
                ok 1 before any header is not a test
                random: crng init done
                [    0.5] KTAP version 1
                [    0.5] 1..1
                [    0.5] \u0000garbage ### not ok
                [    0.5]     KTAP version 1
                [    0.5]     # Subtest: s
                [    0.5] e1000: Intel(R) PRO/1000 Network Driver
                [    0.5]     1..2
                [    0.5]   ok 7 misindented? (no frame at indent 2: a subtest list of its own)
                [    0.5]     ok 1 t1
                [    0.5] ata1: SATA link down
                [    0.5]     not ok 2 t2
                [    0.5] ok 1 s
                [    0.6] ok 2 after the document is not a test
                """);
        assertEquals(List.of("s.t1=PASSED", "s.t2=FAILED"), names(r));
        assertTrue(r.cases().stream().noneMatch(c -> c.fullName().contains("before any header")));
        assertTrue(r.cases().stream().noneMatch(c -> c.fullName().contains("after the document")));
        assertTrue(r.cases().stream().map(c -> c.test().diagnostics()).anyMatch(d -> d.contains("ata1: SATA link down")));
    }

    @Test
    void tapVersion14WithSubtestHeadersAndASubtestWithoutPlan() {
        KtapResults r = parse("""
                TAP version 14
                1..2
                    # Subtest: noplan
                    ok 1 - one
                    not ok 2 - two
                not ok 1 - noplan
                    # Subtest: planned
                    1..1
                    ok 1 - three # TODO not done yet
                ok 2 - planned
                """);
        assertEquals(List.of("noplan.one=PASSED", "noplan.two=FAILED", "planned.three=SKIPPED"), names(r));
        assertEquals("TODO not done yet", r.cases().get(2).test().directive());
        assertEquals(-1, r.tests().get(0).plan());
    }

    @Test
    void aSubtestListWithoutHeaderOrPlanStillNests() {
        KtapResults r = parse("""
                KTAP version 1
                1..1
                    ok 1 inner
                    ok 2 inner2
                ok 1 outer
                """);
        assertEquals(List.of("outer.inner=PASSED", "outer.inner2=PASSED"), names(r));
    }

    @Test
    void aFailedSuiteWithPassingTestsIsReportedItself() {
        KtapResults r = parse("""
                KTAP version 1
                1..1
                    KTAP version 1
                    # Subtest: s
                    1..1
                    ok 1 t
                    # s: suite exit failed
                not ok 1 s
                """);
        assertEquals(List.of("s=FAILED", "s.t=PASSED"), names(r));
        assertTrue(r.cases().get(0).test().diagnostics().contains("# s: suite exit failed"));
    }

    @Test
    void aSuiteWhoseResultLineNeverCameAfterAllItsTestsIsCrashed() {
        KtapResults r = parse("""
                KTAP version 1
                1..1
                    KTAP version 1
                    # Subtest: s
                    1..1
                    ok 1 t
                Oops: general protection fault in suite_exit
                """);
        assertEquals(List.of("s=CRASHED", "s.t=PASSED"), names(r));
        assertTrue(r.cases().get(0).test().diagnostics().contains("Oops: general protection fault in suite_exit"));
    }

    @Test
    void aNewHeaderAtTopLevelStartsASecondDocument() {
        KtapResults r = parse("""
                KTAP version 1
                ok 1 a
                KTAP version 1
                1..1
                not ok 1 b
                """);
        assertEquals(List.of("a=PASSED", "b=FAILED"), names(r));
        assertEquals(2, r.documents());
    }

    @Test
    void noKtapAtAll() {
        KtapResults r = parse("""
                [    0.0] Linux version 6.1.0
                [    1.0] Run /init as init process
                ok 1 not a document
                """);
        assertTrue(r.isEmpty());
        assertEquals(0, r.counts().total());
    }

    @Test
    void headerWithAnotherPrefixStripsThatPrefixFromTheDocument() {
        KtapResults r = parse("""
                <6>kunit: KTAP version 1
                <6>kunit: 1..1
                unrelated line
                <6>kunit: not ok 1 x
                """);
        assertEquals(List.of("x=FAILED"), names(r));
    }

    @Test
    void diagnosticsPerTestAreBounded() {
        StringBuilder text = new StringBuilder("KTAP version 1\n1..1\n");
        for (int i = 0; i < 10_000; i++) {
            text.append("flood ").append(i).append('\n');
        }
        text.append("not ok 1 flooded\n");
        KtapTest t = parse(text.toString()).cases().get(0).test();
        assertEquals(KtapParser.MAX_DIAGNOSTICS + 1, t.diagnostics().size());
        assertEquals("flood 9999", t.diagnostics().get(t.diagnostics().size() - 1));
        assertTrue(t.diagnostics().get(0).contains("not kept"));
    }

    @Test
    void printkCallerIdAndTabIndentation() {
        KtapResults r = parse("""
                [    0.1][    T1] KTAP version 1
                [    0.1][    T1] 1..1
                [    0.1][    T1] \t# Subtest: tabbed
                [    0.1][    T1] \t1..1
                [    0.1][    T1] \tok 1 t # SKIP reason
                [    0.1][    T1] ok 1 tabbed
                """);
        assertEquals(List.of("tabbed.t=SKIPPED"), names(r));
    }
}
