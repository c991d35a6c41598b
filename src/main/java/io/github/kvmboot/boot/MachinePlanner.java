package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.github.kvmboot.Executables;
import io.github.kvmboot.arch.Architecture;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.Source;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.Accelerator;
import io.github.kvmboot.qemu.DeviceSet;
import io.github.kvmboot.qemu.PortForward;
import io.github.kvmboot.qemu.QemuCommandBuilder;
import io.github.kvmboot.qemu.qmp.QmpSocketPaths;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.Debugging;
import io.github.kvmboot.supervisor.GuestRun;

/**
 * The machine every plan runs on ({@link Machine}: QEMU binary, accelerator, memory, CPUs, device
 * set, network, run settings), and the common end of every plan ({@link #finish}): snapshot,
 * network, firmware, QMP socket and pid file, the summary and the run to supervise.
 */
final class MachinePlanner {

    private final HostEnvironment host;
    private final AcceleratorChooser accelerators;
    private final NetworkPlanner networks;

    MachinePlanner(BuildLog log, HostEnvironment host) {
        this.host = host;
        this.accelerators = new AcceleratorChooser(log, host);
        this.networks = new NetworkPlanner(host);
    }

    /** kvmboot.qemu, or with kvmboot.qemuDev the binary built under ~/devel/qemu. */
    Path qemuBinary(ResolvedSettings s) throws SettingException {
        return qemuBinary(s, Architecture.X86_64);
    }

    /** The QEMU for guests of {@code arch}: kvmboot.qemu when set, else the architecture's qemu-system-*. */
    Path qemuBinary(ResolvedSettings s, Architecture arch) throws SettingException {
        if (!arch.isPc() && s.get(QEMU).source() == Source.DEFAULT && !s.flag(QEMU_DEV)) {
            return host.findExecutable(arch.qemuBinary()).orElseThrow(() -> s.invalid(QEMU, arch.qemuBinary()
                    + " (for the " + arch + " guest) is not on PATH", "install it (" + arch.qemuPackages()
                    + ") or point kvmboot.qemu at it"));
        }
        if (s.flag(QEMU_DEV)) {
            Path tree = qemuSourceTree();
            List<Path> tried = List.of(tree.resolve("build/qemu-system-x86_64"),
                    tree.resolve("x86_64-softmmu/qemu-system-x86_64"));
            for (Path candidate : tried) {
                if (Executables.isExecutableFile(candidate)) {
                    return candidate;
                }
            }
            throw s.invalid(QEMU_DEV, "no QEMU built from source; tried " + tried,
                    "build it in " + tree + " (./configure --target-list=x86_64-softmmu && make), or drop kvmboot.qemuDev");
        }
        String qemu = s.required(QEMU, "set kvmboot.qemu to the QEMU binary (a name on PATH or a path)");
        return host.findExecutable(qemu).orElseThrow(() -> s.invalid(QEMU,
                qemu.contains("/") ? "no executable file at " + host.resolve(qemu) : "not found on PATH",
                "install QEMU (Debian/Ubuntu: qemu-system-x86; Fedora: qemu-system-x86-core) or point kvmboot.qemu at the binary"));
    }

    /**
     * @param graphics    whether the guest gets a display
     * @param probeKernel the kernel a KVM test guest would run
     * @param disks       the disks the plugin attaches (the first one names the MAC)
     */
    Machine machine(ResolvedSettings s, Path qemu, RunSettings run, boolean graphics, Optional<Path> probeKernel,
            List<Path> disks) throws SettingException, InterruptedException {
        return machine(s, qemu, run, graphics, probeKernel, disks, Architecture.X86_64);
    }

    /** @param arch the guest's architecture: its own machine and devices, KVM only when it is the host's */
    Machine machine(ResolvedSettings s, Path qemu, RunSettings run, boolean graphics, Optional<Path> probeKernel,
            List<Path> disks, Architecture arch) throws SettingException, InterruptedException {
        long memoryMiB = s.memoryMiB(MEMORY);
        int cpus = s.optionalPositiveInt(CPUS).orElse(Math.min(4, host.hostCores()));
        DeviceSet deviceSet = s.choice(DEVICE_SET, DeviceSet.class);
        Accelerator accelerator = accelerators.choose(s, qemu, probeKernel, arch);
        boolean snapshot = s.flag(SNAPSHOT);
        NetworkPlanner.Network network = networks.plan(s, disks.isEmpty() ? run.outputDirectory() : disks.get(0));
        return new Machine(qemu, accelerator, memoryMiB, cpus, graphics, deviceSet, snapshot, network,
                qemuDevFirmware(s), run, arch);
    }

    /**
     * Adds what every boot shares to {@code builder} and makes the plan.
     *
     * @param summary       the plan's lines so far; the machine's are added
     * @param commandStatus the exec status file, when the guest reports a command exit code
     */
    BootPlan finish(ResolvedSettings s, QemuCommandBuilder builder, Machine machine, List<String> summary,
            Optional<Path> commandStatus, GuestListener listener) throws SettingException {
        RunSettings run = machine.run();
        Path outputDirectory = run.outputDirectory();
        if (machine.snapshot()) {
            builder.snapshot();
            summary.add("kvmboot: snapshot mode: disk writes are discarded when QEMU exits");
        }
        List<PortForward> forwards = new ArrayList<>(networks.addTo(builder, machine.network()));
        OptionalInt canaryPort = machine.network().canary()
                ? OptionalInt.of(forwards.remove(forwards.size() - 1).hostPort()) : OptionalInt.empty();
        OptionalInt sshPort = NetworkPlanner.sshPort(forwards);
        machine.firmware().ifPresent(builder::firmwareDirectory);
        Path qmpSocket;
        try {
            qmpSocket = QmpSocketPaths.choose(outputDirectory);
        } catch (IOException e) {
            throw s.invalid(OUTPUT_DIRECTORY, "cannot create " + outputDirectory + " (" + e.getMessage() + ")",
                    "point kvmboot.outputDirectory at a writable directory");
        }
        Path pidFile = outputDirectory.resolve("qemu.pid");
        builder.qmpSocket(qmpSocket).qmpControlSocket(QmpSocketPaths.controlSocket(qmpSocket)).pidFile(pidFile);

        summary.add(machine.summary());
        run.expect().ifPresent(p -> summary.add("kvmboot: waiting for /" + p + "/"
                + (run.timeout().isZero() ? "" : " for at most " + run.timeout().toSeconds() + " s")));
        sshPort.ifPresent(port -> summary.add("kvmboot: guest ssh (port 22) forwarded from 127.0.0.1:" + port
                + " (ssh -p " + port + " root@127.0.0.1); published as kvmboot.ssh.port"));
        GuestRun guestRun = new GuestRun(builder.build(), outputDirectory, run.expect(), run.failOn(), run.timeout(),
                Optional.of(qmpSocket), Optional.of(pidFile), host.terminalAttached(), listener, run.noOutputTimeout(),
                RunSettings.warning(), commandStatus, SuspendPlanner.power(s), Debugging.NONE, List.of());
        forwards.stream().filter(f -> f.guestPort() != 22).forEach(f -> summary.add("kvmboot: guest port "
                + f.guestPort() + " forwarded from 127.0.0.1:" + f.hostPort() + "; published as kvmboot.port." + f.guestPort()));
        return new BootPlan(guestRun, summary, forwards, canaryPort);
    }

    private Path qemuSourceTree() {
        return host.home().resolve("devel/qemu");
    }

    /** With kvmboot.qemuDev, the firmware of the source tree (pc-bios/) goes with its binary. */
    private Optional<Path> qemuDevFirmware(ResolvedSettings s) throws SettingException {
        if (!s.flag(QEMU_DEV)) {
            return Optional.empty();
        }
        Path pcBios = qemuSourceTree().resolve("pc-bios");
        return Files.isDirectory(pcBios) ? Optional.of(pcBios) : Optional.empty();
    }
}
