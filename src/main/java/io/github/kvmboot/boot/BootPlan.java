package io.github.kvmboot.boot;

import java.util.List;

import io.github.kvmboot.supervisor.GuestRun;

/** A decided boot: what the supervisor runs, and the lines that tell the user what was decided. */
public record BootPlan(GuestRun guestRun, List<String> summary) {
    public BootPlan {
        summary = List.copyOf(summary);
    }
}
