package io.github.kvmboot.boot;

import java.util.List;
import java.util.OptionalInt;

import io.github.kvmboot.qemu.PortForward;
import io.github.kvmboot.supervisor.GuestRun;

/**
 * A decided boot: what the supervisor runs, the lines that tell the user what was decided, and the
 * ports forwarded to the guest with user-mode networking (ssh's and kvmboot.forward's).
 *
 * @param canaryPort the host port forwarded to a guest port nothing listens on, for start's tcp readiness probe
 */
public record BootPlan(GuestRun guestRun, List<String> summary, List<PortForward> forwards, OptionalInt canaryPort) {
    public BootPlan {
        summary = List.copyOf(summary);
        forwards = List.copyOf(forwards);
    }

    public BootPlan(GuestRun guestRun, List<String> summary) {
        this(guestRun, summary, List.of(), OptionalInt.empty());
    }

    /** The host port forwarded to the guest's ssh port. */
    public OptionalInt sshPort() {
        return NetworkPlanner.sshPort(forwards);
    }

    /** The host port forwarded to {@code guestPort}. */
    public OptionalInt hostPort(int guestPort) {
        return forwards.stream().filter(f -> f.guestPort() == guestPort).mapToInt(PortForward::hostPort).findFirst();
    }
}
