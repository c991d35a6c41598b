package io.github.kvmboot.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class SlowStepTest {

    private final List<String> infos = new CopyOnWriteArrayList<>();
    private final BuildLog log = new BuildLog() {
        @Override public void debug(String m) { }
        @Override public void info(String m) { infos.add(m); }
        @Override public void warn(String m) { }
        @Override public void error(String m) { }
        @Override public boolean isDebugEnabled() { return false; }
    };

    @Test
    void aSlowStepIsAnnouncedOnce() throws Exception {
        try (SlowStep step = SlowStep.start(log, "creating guest.qcow2 (qemu-img create)", Duration.ofMillis(50))) {
            Thread.sleep(400);
        }
        Thread.sleep(100);
        assertEquals(List.of("kvmboot: creating guest.qcow2 (qemu-img create) ..."), infos);
    }

    @Test
    void aQuickStepSaysNothing() throws Exception {
        try (SlowStep step = SlowStep.start(log, "checking guest.qcow2", Duration.ofMillis(300))) {
            Thread.sleep(10);
        }
        Thread.sleep(600);
        assertEquals(List.of(), infos);
    }
}
