package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.process.HelperProcess;

class GuestRunTest {

    /** kvmboot:start runs the planned guest: its virtiofsd, suspend and debugging handling must come along. */
    @Test
    void aGuestInTheBackgroundKeepsItsHelpersPowerAndDebuggingButHasNoTimeoutOrConsoleInput() {
        HelperProcess.Spec daemon = new HelperProcess.Spec("virtiofsd", List.of("/usr/lib/qemu/virtiofsd"),
                Path.of("/tmp/x.sock"), Path.of("/tmp/x.log"), Duration.ofSeconds(10));
        PowerSettings power = new PowerSettings(Duration.ofSeconds(5), true);
        Debugging debugging = new Debugging(true, Optional.empty(), Optional.empty());
        GuestRun planned = new GuestRun(List.of("qemu-system-x86_64"), Path.of("/tmp/out"), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(300), Optional.empty(), Optional.empty(), true, GuestListener.NONE,
                Duration.ofSeconds(60), Optional.empty(), Optional.empty(), power, debugging, List.of(daemon));

        GuestRun background = planned.inBackground();

        assertEquals(List.of(daemon), background.helpers());
        assertEquals(power, background.power());
        assertEquals(debugging, background.debugging());
        assertEquals(Duration.ZERO, background.timeout());
        assertFalse(background.forwardStdin());
        assertEquals(planned.noOutputTimeout(), background.noOutputTimeout());
        assertEquals(planned.command(), background.command());
    }
}
