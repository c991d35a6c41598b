package io.github.kvmboot.boot;

import java.util.List;
import java.util.OptionalInt;

import io.github.kvmboot.supervisor.Debugging;
import io.github.kvmboot.supervisor.GuestRun;

/**
 * A decided boot: what the supervisor runs, the lines that tell the user what was decided, and the
 * host port forwarded to the guest's ssh port with user-mode networking, and the gdb stub's port.
 */
public record BootPlan(GuestRun guestRun, List<String> summary, OptionalInt sshPort, OptionalInt gdbPort) {
    public BootPlan {
        summary = List.copyOf(summary);
    }

    public BootPlan(GuestRun guestRun, List<String> summary, OptionalInt sshPort) {
        this(guestRun, summary, sshPort, OptionalInt.empty());
    }

    public BootPlan(GuestRun guestRun, List<String> summary) {
        this(guestRun, summary, OptionalInt.empty());
    }

    /** The same plan with gdb stub and dump handling; {@code gdbPort} is published as kvmboot.gdb.port. */
    BootPlan withDebugging(Debugging debugging, OptionalInt gdbStubPort) {
        return new BootPlan(guestRun.withDebugging(debugging), summary, sshPort, gdbStubPort);
    }
}
