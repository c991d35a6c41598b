package io.github.kvmboot.boot;

import java.util.List;
import java.util.OptionalInt;

import io.github.kvmboot.supervisor.GuestRun;

/**
 * A decided boot: what the supervisor runs, the lines that tell the user what was decided, and the
 * host port forwarded to the guest's ssh port with user-mode networking.
 */
public record BootPlan(GuestRun guestRun, List<String> summary, OptionalInt sshPort) {
    public BootPlan {
        summary = List.copyOf(summary);
    }

    public BootPlan(GuestRun guestRun, List<String> summary) {
        this(guestRun, summary, OptionalInt.empty());
    }
}
