package io.github.kvmboot.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of a guest run.
 *
 * @param exitCode QEMU's exit code when it exited by itself; {@code null} when the supervisor
 *                 stopped it (after a match or timeout) or it never started
 * @param ptys     chardev label to pty path (the paths no longer exist once QEMU is gone)
 * @param qemuPid  the QEMU process id, {@code null} when it never started
 * @param excerpt  the console lines that explain the outcome (failure context or the last lines),
 *                 formatted as {@code "  312 | text"}, the culprit marked with {@code ">"}
 * @param commandExitCode the exit code the guest reported for {@code kvmboot.exec}'s command, or
 *                 {@code null} (no command, or the guest stopped before reporting one)
 * @param qmpEvents names of the QMP events QEMU sent (e.g. {@code GUEST_PANICKED}, {@code SHUTDOWN})
 * @param warnings number of kernel warning lines seen on the console
 * @param powerEvents the guest's QMP power events (SUSPEND, SUSPEND_DISK, WAKEUP) with their times
 * @param vmcore   the dump of the guest's memory written on a panic (kvmboot.dumpOnPanic)
 */
public record GuestResult(Outcome outcome, Integer exitCode, Long qemuPid, Map<String, String> ptys,
        Path consoleLog, Duration elapsed, List<String> excerpt, Integer commandExitCode, List<String> qmpEvents,
        int warnings, List<PowerEvent> powerEvents, Optional<Vmcore> vmcore) {

    public GuestResult {
        powerEvents = List.copyOf(powerEvents);
        ptys = Map.copyOf(ptys);
        excerpt = List.copyOf(excerpt);
        qmpEvents = List.copyOf(qmpEvents);
        Objects.requireNonNull(vmcore, "vmcore");
    }

    /** True when QEMU reported a guest kernel panic (pvpanic device). */
    public boolean guestPanicked() {
        return qmpEvents.contains("GUEST_PANICKED");
    }
}
