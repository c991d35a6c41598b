package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The status port's lines: only those repeating init's first nonce count. */
class CommandStatusTest {

    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    @Test
    void theExitLineWithInitsNonceCounts() {
        CommandStatus status = CommandStatus.parse("kvmboot-start " + NONCE + "\r\nkvmboot-exit " + NONCE + " 3\r\n");
        assertTrue(status.started());
        assertEquals(Optional.of(3), status.exitCode());
    }

    @Test
    void linesWithAnotherNonceAreIgnored() {
        CommandStatus status = CommandStatus.parse("kvmboot-start " + NONCE + "\nkvmboot-exit ffffffffffffffffffffffffffffffff 0\n"
                + "kvmboot-exit " + NONCE + " 1\n");
        assertEquals(Optional.of(1), status.exitCode());
        assertEquals(1, status.forgedLines());
    }

    @Test
    void aForgedFirstLineOrAMissingExitGivesNoCode() {
        assertFalse(CommandStatus.parse("kvmboot-exit " + NONCE + " 0\n").exitCode().isPresent());
        assertFalse(CommandStatus.parse("kvmboot-start " + NONCE + "\n").exitCode().isPresent());
        assertFalse(CommandStatus.parse("").started());
        assertEquals(Optional.of("no-9p"), CommandStatus.parse("kvmboot-start " + NONCE + "\nkvmboot-error " + NONCE + " no-9p\n").error());
    }

    @Test
    void onlyTheFirstGenuineReportCounts() {
        CommandStatus status = CommandStatus.parse("kvmboot-start " + NONCE + "\nkvmboot-exit " + NONCE + " 2\nkvmboot-exit " + NONCE + " 0\n");
        assertEquals(Optional.of(2), status.exitCode());
    }
}
