package io.github.kvmboot.statusport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The status port's lines: only those repeating init's first nonce count. */
class StatusReportTest {

    private static final String NONCE = "0123456789abcdef0123456789abcdef";

    @Test
    void theExitLineWithInitsNonceCounts() {
        StatusReport status = StatusReport.parse("kvmboot-start " + NONCE + "\r\nkvmboot-exit " + NONCE + " 3\r\n");
        assertTrue(status.started());
        assertEquals(Optional.of(3), status.exitCode());
    }

    @Test
    void linesWithAnotherNonceAreIgnored() {
        StatusReport status = StatusReport.parse("kvmboot-start " + NONCE + "\nkvmboot-exit ffffffffffffffffffffffffffffffff 0\n"
                + "kvmboot-exit " + NONCE + " 1\n");
        assertEquals(Optional.of(1), status.exitCode());
        assertEquals(1, status.forgedLines());
    }

    @Test
    void aForgedFirstLineOrAMissingExitGivesNoCode() {
        assertFalse(StatusReport.parse("kvmboot-exit " + NONCE + " 0\n").exitCode().isPresent());
        assertFalse(StatusReport.parse("kvmboot-start " + NONCE + "\n").exitCode().isPresent());
        assertFalse(StatusReport.parse("").started());
        assertEquals(Optional.of("no-9p"), StatusReport.parse("kvmboot-start " + NONCE + "\nkvmboot-error " + NONCE + " no-9p\n").error());
    }

    @Test
    void onlyTheFirstGenuineReportCounts() {
        StatusReport status = StatusReport.parse("kvmboot-start " + NONCE + "\nkvmboot-exit " + NONCE + " 2\nkvmboot-exit " + NONCE + " 0\n");
        assertEquals(Optional.of(2), status.exitCode());
    }

    @Test
    void errorWordsAreExplained() {
        assertEquals("the kernel has no 9p file system for kvmboot.share (build it with CONFIG_NET_9P, CONFIG_NET_9P_VIRTIO,"
                + " CONFIG_9P_FS and CONFIG_VIRTIO_PCI, or give their modules with kvmboot.modules)",
                StatusReport.explain(StatusProtocol.NO_9P));
        assertEquals("mounting the share with tag kvmboot1 failed (see the console)",
                StatusReport.explain(StatusProtocol.mountFailed("kvmboot1")));
        assertEquals("something-else", StatusReport.explain("something-else"));
    }

    @Test
    void theGuestScriptWritesTheLinesTheParserAccepts() {
        String open = GuestStatusScript.open("/dev/ttyS4", 5);
        assertTrue(open.contains("exec 9>/dev/ttyS4") && open.contains("CONFIG_SERIAL_8250 with 5 ports"), open);
        assertTrue(open.contains("echo \"kvmboot-start $kvmboot_nonce\" >&9"), open);
        assertTrue(open.contains("echo \"kvmboot-$1 $kvmboot_nonce $2\" >&9"), open);
        assertEquals("kvmboot_report error no-9p", GuestStatusScript.reportError(StatusProtocol.NO_9P));
        assertEquals("kvmboot_report exit $?", GuestStatusScript.reportExit("$?"));
    }

    private static final String OTHER = "fedcba9876543210fedcba9876543210";

    /** A guest resumed from its hibernation image in a second QEMU: its init reports with the nonce of the first. */
    @Test
    void aResumedInitReportsInALaterQemuWithItsFirstNonce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String first = "kvmboot-start " + NONCE + "\n";
        java.nio.file.Path file = dir.resolve("exec-status");
        java.nio.file.Files.writeString(file, first + "kvmboot-exit " + NONCE + " 0\n");
        StatusReport status = StatusReport.read(file, java.util.List.of((long) first.length()));
        assertEquals(Optional.of(0), status.exitCode());
        assertEquals(0, status.forgedLines());
    }

    /** A later QEMU whose first line is a start line booted afresh: that init's report counts, not the lost one's. */
    @Test
    void aLaterQemusOwnStartLineIsAFreshBootWhoseReportCounts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String first = "kvmboot-start " + NONCE + "\n";
        java.nio.file.Path file = dir.resolve("exec-status");
        java.nio.file.Files.writeString(file, first + "kvmboot-start " + OTHER + "\nkvmboot-error " + OTHER
                + " resume-failed\nkvmboot-exit " + NONCE + " 0\n");
        StatusReport status = StatusReport.read(file, java.util.List.of((long) first.length()));
        assertEquals(Optional.of("resume-failed"), status.error());
        assertEquals(Optional.empty(), status.exitCode());
        assertEquals(1, status.forgedLines(), "the lost init's nonce no longer counts");
        // within one QEMU, a second start line is never a restart
        StatusReport oneQemu = StatusReport.read(file);
        assertEquals(Optional.empty(), oneQemu.error());
        assertEquals(Optional.of(0), oneQemu.exitCode());
    }

    @Test
    void theHibernationErrorWordsAreExplained() {
        assertTrue(StatusReport.explain("resume-failed").contains("booted afresh instead of resuming"));
        assertTrue(StatusReport.explain("no-swap-disk").contains("CONFIG_VIRTIO_BLK"));
        assertTrue(StatusReport.explain("swap-failed").contains("CONFIG_SWAP"));
    }
}
