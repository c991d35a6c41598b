package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.supervisor.PtyLineParser.PtyMapping;

class PtyLineParserTest {

    @Test
    void parsesQemuAnnouncement() {
        assertEquals(Optional.of(new PtyMapping("ttyS1", "/dev/pts/11")),
                PtyLineParser.parse("char device redirected to /dev/pts/11 (label ttyS1)"));
    }

    @Test
    void parsesAnnouncementWithQemuPrefixOnStderr() {
        assertEquals(Optional.of(new PtyMapping("monitor", "/dev/pts/3")),
                PtyLineParser.parse("qemu-system-x86_64: char device redirected to /dev/pts/3 (label monitor)"));
    }

    @Test
    void ignoresConsoleLines() {
        assertTrue(PtyLineParser.parse("[    0.000000] Linux version 6.1.0").isEmpty());
        assertTrue(PtyLineParser.parse("char device redirected to /tmp/x (label y)").isEmpty());
        assertTrue(PtyLineParser.parse("").isEmpty());
    }
}
