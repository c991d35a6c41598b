package io.github.kvmboot.boot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.github.kvmboot.supervisor.Debugging;
import io.github.kvmboot.supervisor.GuestRun;

/**
 * A decided boot: what the supervisor runs, the lines that tell the user what was decided, and the
 * host port forwarded to the guest's ssh port with user-mode networking, and the gdb stub's port.
 */
public record BootPlan(GuestRun guestRun, List<String> summary, OptionalInt sshPort, OptionalInt gdbPort,
        Map<String, String> properties) {
    public BootPlan {
        summary = List.copyOf(summary);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public BootPlan(GuestRun guestRun, List<String> summary, OptionalInt sshPort) {
        this(guestRun, summary, sshPort, OptionalInt.empty(), Map.of());
    }

    public BootPlan(GuestRun guestRun, List<String> summary) {
        this(guestRun, summary, OptionalInt.empty());
    }

    /** The same plan with gdb stub and dump handling; {@code gdbPort} is published as kvmboot.gdb.port. */
    BootPlan withDebugging(Debugging debugging, OptionalInt gdbStubPort) {
        return new BootPlan(guestRun.withDebugging(debugging), summary, sshPort, gdbStubPort, properties);
    }

    /** The same plan with the facts the CI report lists ({@link RunProperties}). */
    BootPlan withProperties(Map<String, String> reportProperties) {
        return new BootPlan(guestRun, summary, sshPort, gdbPort, reportProperties);
    }
}
