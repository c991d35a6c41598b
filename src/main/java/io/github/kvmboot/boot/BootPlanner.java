package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.console.TerminalSize;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.DeviceSet;
import io.github.kvmboot.qemu.QemuCommandBuilder;
import io.github.kvmboot.suspend.HibernationSwap;
import io.github.kvmboot.supervisor.GuestListener;

/**
 * Turns resolved settings into a {@link BootPlan}: which kernel, initramfs, disks, accelerator and
 * devices, and what the supervisor watches for. Every problem with the user's input surfaces here,
 * before QEMU starts, as a {@link SettingException} naming the setting, its value and its origin.
 *
 * <p>The plan is composed of small planners: {@link KernelPlanner} (what to boot),
 * {@link DiskPlanner} (target disks), {@link MachinePlanner} (the {@link Machine}, with the
 * {@link NetworkPlanner}, and the common end of every plan), {@link ExecPlanner} (kvmboot.exec) and
 * {@link InstallPlanner} (install-guest) and {@link DebugPlanner} (gdb stub, memory dump).
 */
public final class BootPlanner {

    private final HostEnvironment host;
    private final KernelPlanner kernels;
    private final DiskPlanner disks;
    private final MachinePlanner machines;
    private final CommandOverride commandOverride;
    private final InstallPlanner installs;
    private final DebugPlanner debugs;

    public BootPlanner(BuildLog log, HostEnvironment host) {
        this.host = host;
        this.kernels = new KernelPlanner(log, host);
        this.disks = new DiskPlanner(log, host);
        this.machines = new MachinePlanner(log, host);
        this.commandOverride = new CommandOverride(log, host);
        this.installs = new InstallPlanner(log, host, machines, kernels, disks);
        this.debugs = new DebugPlanner(host);
    }

    public BootPlan plan(ResolvedSettings s, GuestListener listener) throws KvmbootException, InterruptedException {
        RunSettings run = RunSettings.of(s, host);
        SuspendPlanner.check(s);
        ExecPlanner.checkCombinations(s);
        if (s.flag(FAIL_ON_WARNING)) {
            run = run.failingOnKernelWarnings();
        }
        if (CommandOverride.requested(s)) {
            return commandOverride.plan(s, run, listener);
        }
        KernelPlanner.Target target = kernels.target(s, ExecPlanner.requested(s));
        Path qemu = machines.qemuBinary(s, target.architecture());
        DebugPlanner.Debug debug = debugs.plan(s, target, run.outputDirectory());
        DiskPlanner.Disks planned = disks.forBoot(s);
        Machine machine = machines.machine(s, qemu, run, s.flag(GRAPHICS), target.probeKernel(), planned.paths(),
                target.architecture());
        Optional<ExecPlanner> exec = ExecPlanner.requested(s)
                ? Optional.of(ExecPlanner.prepare(s, host, target, machine.network().user(), machine.outputDirectory()))
                : target.shell() ? Optional.of(ExecPlanner.shell(s, host, target, machine.network().user()))
                : Optional.empty();

        List<String> summary = new ArrayList<>();
        Optional<ExecGuest> execGuest = Optional.empty();
        QemuCommandBuilder builder;
        if (target.kernel().isPresent()) {
            builder = machine.deviceSet().machine(machine.spec());
            Optional<Path> initrd = target.initrd();
            if (exec.isPresent()) {
                // the init must name its status port, and -initrd comes before the port on the command line
                execGuest = Optional.of(exec.get().generate(s, builder.reserveStatusChannel(), machine.outputDirectory()));
                initrd = Optional.of(execGuest.get().initramfs());
            }
            disks.create(planned);
            String append = DebugPlanner.append(debug, KernelPlanner.append(s, machine, planned.any()),
                    s.optional(APPEND).isPresent());
            if (target.shell() && host.terminalAttached()) {
                append = KernelPlanner.withTerminalSize(append, TerminalSize.query());
            }
            Optional<Path> pvh = KernelPlanner.pvhEntry(s, machine, target.kernel().get(), host);
            machine.deviceSet().kernelBoot(builder, pvh.orElse(target.kernel().get()), initrd, append, planned.paths());
            summary.add("kvmboot: booting " + target.kernel().get() + " (" + target.release() + ")"
                    + initrd.map(i -> " with initramfs " + i).orElse(" without initramfs")
                    + pvh.map(v -> ", through its PVH entry (" + v + ")").orElse(""));
        } else {
            disks.create(planned);
            builder = machine.deviceSet().diskBoot(machine.spec(), planned.paths());
            summary.add("kvmboot: booting the bootloader of "
                    + (planned.paths().isEmpty() ? "the target disk" : planned.paths().get(0)));
        }
        boolean pc = machine.architecture().isPc();
        if (pc) {
            builder.acpiSleepStates(); // S3/S4 explicitly, checked over QMP when kvmboot.suspend=mem
        }
        builder.rawArgs(planned.userArgs());
        if (target.kernel().isPresent()) {
            builder.pvpanic(); // QMP GUEST_PANICKED when the kernel has CONFIG_PVPANIC_PCI (also on virt)
        }
        if (execGuest.isPresent()) {
            execGuest.get().addDevices(builder, machine.memoryMiB());
            if (machine.deviceSet() == DeviceSet.SEED) {
                builder.noReboot(); // init ends with reboot -f on kernels that cannot power off
            }
            summary.addAll(execGuest.get().summary());
        }
        Optional<Path> swap = SuspendPlanner.hibernationSwap(s, machine);
        if (swap.isPresent()) {
            builder.virtioDisk("kvmboot-swap", swap.get(), HibernationSwap.SERIAL);
        }
        if (SuspendPlanner.requested(s)) {
            summary.add(SuspendPlanner.summary(s, SuspendPlanner.power(s)));
        }
        DebugPlanner.addTo(builder, debug);
        summary.addAll(DebugPlanner.summary(debug));
        // a shell session has no verdict of its own: it passes when the guest powers off
        Optional<Path> commandStatus = execGuest.filter(g -> !target.shell()).map(ExecGuest::statusFile);
        BootPlan plan = machines.finish(s, builder, machine, summary, commandStatus, listener);
        if (debug.any()) {
            plan = plan.withDebugging(debug.forSupervisor(), debug.gdbPort());
        }
        plan = plan.withHelpers(execGuest.map(ExecGuest::helpers).orElse(List.of()));
        return plan.withProperties(RunProperties.of(target, machine, plan.guestRun().command()));
    }

    /**
     * The plan for {@code kvmboot:install-guest}: the installer ISO as CD-ROM, the target as first
     * disk and the development disk as second, booting from the CD-ROM, on the same machine, ports
     * and supervision as {@link #plan}. Images to create are created last, after every check.
     */
    public InstallPlan planInstall(ResolvedSettings s, GuestListener listener) throws KvmbootException, InterruptedException {
        return installs.plan(s, listener);
    }
}
