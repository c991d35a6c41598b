package io.github.kvmboot.boot;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

import io.github.kvmboot.supervisor.Debugging;
import io.github.kvmboot.qemu.PortForward;
import io.github.kvmboot.supervisor.GuestRun;

/**
 * A decided boot: what the supervisor runs, the lines that tell the user what was decided, and the
 * ports forwarded to the guest with user-mode networking (ssh's and kvmboot.forward's), the gdb
 * stub's port and the facts the CI report lists.
 *
 * @param canaryPort the host port forwarded to a guest port nothing listens on, for start's tcp readiness probe
 */
public record BootPlan(GuestRun guestRun, List<String> summary, List<PortForward> forwards, OptionalInt canaryPort,
        OptionalInt gdbPort, Supplier<Map<String, String>> properties) {
    public BootPlan {
        summary = List.copyOf(summary);
        forwards = List.copyOf(forwards);
    }

    public BootPlan(GuestRun guestRun, List<String> summary, List<PortForward> forwards, OptionalInt canaryPort) {
        this(guestRun, summary, forwards, canaryPort, OptionalInt.empty(), Map::of);
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

    /** The same plan with gdb stub and dump handling; {@code gdbPort} is published as kvmboot.gdb.port. */
    BootPlan withDebugging(Debugging debugging, OptionalInt gdbStubPort) {
        return new BootPlan(guestRun.withDebugging(debugging), summary, forwards, canaryPort, gdbStubPort, properties);
    }

    /** The same plan with the facts the CI report lists ({@link RunProperties}), read when it is written. */
    BootPlan withProperties(Supplier<Map<String, String>> reportProperties) {
        return new BootPlan(guestRun, summary, forwards, canaryPort, gdbPort, reportProperties);
    }

    /** The same plan with helper daemons (virtiofsd) started before QEMU and stopped with it. */
    BootPlan withHelpers(List<io.github.kvmboot.process.HelperProcess.Spec> helpers) {
        return helpers.isEmpty() ? this
                : new BootPlan(guestRun.withHelpers(helpers), summary, forwards, canaryPort, gdbPort, properties);
    }
}
