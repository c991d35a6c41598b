package io.github.kvmboot.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.ktap.KtapParser;
import io.github.kvmboot.supervisor.GuestListener;

class BootRecorderTest {

    @Test
    void stagesAreMarkedByTheirConsoleLinesInOrder() {
        List<String> forwarded = new ArrayList<>();
        BootRecorder r = new BootRecorder(new GuestListener() {
            @Override
            public void consoleLine(String line) {
                forwarded.add(line);
            }
        }, Optional.empty(), 2);
        r.start();
        assertTrue(r.stageTimes().qemuStarted().isEmpty());
        r.ptysReady(Map.of());
        assertTrue(r.stageTimes().qemuStarted().isPresent());
        assertTrue(r.stageTimes().kernelEntered().isEmpty());
        r.consoleLine("SeaBIOS (version 1.16.2-debian-1.16.2-1)");
        assertTrue(r.stageTimes().kernelEntered().isEmpty());
        r.consoleLine("[    0.000000] Linux version 6.1.0-56-cloud-amd64 (debian-kernel@lists.debian.org)");
        StageTimes kernel = r.stageTimes();
        assertTrue(kernel.kernelEntered().isPresent());
        assertTrue(kernel.initReached().isEmpty());
        r.consoleLine("[    2.1] Run /init as init process");
        StageTimes all = r.stageTimes();
        assertTrue(all.initReached().getAsLong() >= all.kernelEntered().getAsLong());
        assertTrue(all.kernelEntered().getAsLong() >= all.qemuStarted().getAsLong());
        r.consoleLine("[    3.0] Linux version again does not move the mark");
        assertEquals(kernel.kernelEntered(), r.stageTimes().kernelEntered());
        assertEquals(4, forwarded.size(), "every line reaches the next listener");
        assertEquals(List.of("[    2.1] Run /init as init process", "[    3.0] Linux version again does not move the mark"),
                r.consoleTail(), "only the last tailLines lines are kept");
        assertEquals(4, r.consoleLines());
    }

    @Test
    void initIsAlsoRecognisedByAnotherInitOrTheFreeingLine() {
        for (String line : List.of("Run /sbin/init as init process", "Freeing unused kernel image (initmem) memory: 2660K",
                "Freeing unused kernel memory: 1000K")) {
            BootRecorder r = new BootRecorder(GuestListener.NONE, Optional.empty(), 10);
            r.consoleLine(line);
            assertTrue(r.stageTimes().initReached().isPresent(), line);
        }
        BootRecorder r = new BootRecorder(GuestListener.NONE, Optional.empty(), 10);
        r.consoleLine("Run /init as init process failed? no: 'Run ' needs a program");
        r.consoleLine("init: not a stage");
        assertTrue(r.stageTimes().initReached().isPresent(), "the first line names a program: /init");
        BootRecorder none = new BootRecorder(GuestListener.NONE, Optional.empty(), 10);
        none.consoleLine("Starting init: /bin/sh exists but ...");
        assertTrue(none.stageTimes().initReached().isEmpty());
    }

    @Test
    void feedsTheKtapParser() {
        KtapParser parser = new KtapParser();
        BootRecorder r = new BootRecorder(GuestListener.NONE, Optional.of(parser), 10);
        List.of("[ 1.0] KTAP version 1", "[ 1.0] 1..1", "[ 1.0] not ok 1 x").forEach(r::consoleLine);
        assertEquals(1, parser.finish().counts().failed());
    }

    @Test
    void ktapModes() {
        KtapParser p = new KtapParser();
        List.of("KTAP version 1", "1..2", "ok 1 a", "not ok 2 b").forEach(p::accept);
        var failing = p.finish();
        var none = new KtapParser().finish();
        assertTrue(KtapMode.AUTO.buildFailure(failing).orElseThrow().contains("failed: b"));
        assertTrue(KtapMode.FAIL.buildFailure(failing).isPresent());
        assertTrue(KtapMode.REPORT.buildFailure(failing).isEmpty());
        assertTrue(KtapMode.OFF.buildFailure(failing).isEmpty());
        assertTrue(KtapMode.AUTO.buildFailure(none).isEmpty());
        assertTrue(KtapMode.FAIL.buildFailure(none).orElseThrow().contains("no KTAP output"));
        KtapParser ok = new KtapParser();
        List.of("KTAP version 1", "1..1", "ok 1 a").forEach(ok::accept);
        assertTrue(KtapMode.FAIL.buildFailure(ok.finish()).isEmpty());
    }
}
