package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.codehaus.plexus.util.cli.CommandLineUtils;

import io.github.kvmboot.Executables;
import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.install.DiskImages;
import io.github.kvmboot.install.IsoCatalog;
import io.github.kvmboot.install.IsoImage;
import io.github.kvmboot.install.LockHolders;
import io.github.kvmboot.install.QemuImg;
import io.github.kvmboot.kernel.BootDirScanner;
import io.github.kvmboot.kernel.BootEntry;
import io.github.kvmboot.kernel.BzImage;
import io.github.kvmboot.kernel.InitramfsLocator;
import io.github.kvmboot.kernel.KernelDiscoveryException;
import io.github.kvmboot.kernel.KernelLocator;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.network.FreePort;
import io.github.kvmboot.network.GuestMac;
import io.github.kvmboot.qemu.Accelerator;
import io.github.kvmboot.qemu.DeviceSet;
import io.github.kvmboot.qemu.DirectKernelBoot;
import io.github.kvmboot.qemu.QemuCommandBuilder;
import io.github.kvmboot.qemu.QemuOptions;
import io.github.kvmboot.qemu.qmp.QmpSocketPaths;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestRun;

/**
 * Turns resolved settings into a {@link BootPlan}: which kernel, initramfs, disks, accelerator and
 * devices, and what the supervisor watches for. Every problem with the user's input surfaces here,
 * before QEMU starts, as a {@link SettingException} naming the setting, its value and its origin.
 */
public final class BootPlanner {

    private static final String DEFAULT_APPEND = "console=ttyS0,115200 panic=-1";
    /** A kernel WARN splat ("WARNING: CPU: 0 PID: 1 at ..."; older kernels "WARNING: at ..."), not any "WARNING:" text. */
    static final String KERNEL_WARNING = "WARNING: (?:CPU: \\d+ PID: \\d+ at|at) ";

    enum AccelChoice { AUTO, KVM, TCG }

    enum NetworkMode { AUTO, VDE, USER, NONE }

    private final BuildLog log;
    private final HostEnvironment host;
    private final AcceleratorChooser accelerators;
    private final DiskImages diskImages;

    public BootPlanner(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
        this.accelerators = new AcceleratorChooser(log, host);
        this.diskImages = new DiskImages(host.findExecutable("qemu-img").map(QemuImg::new), new LockHolders(), log,
                host::resolve);
    }

    public BootPlan plan(ResolvedSettings s, GuestListener listener) throws KvmbootException, InterruptedException {
        Path outputDirectory = s.optional(OUTPUT_DIRECTORY).map(host::resolve).orElse(host.defaultOutputDirectory());
        Duration timeout = Duration.ofSeconds(s.nonNegativeSeconds(TIMEOUT));
        Optional<Pattern> expect = s.regex(EXPECT);
        Optional<Pattern> failOn = s.regex(FAIL_ON);
        List<String> summary = new ArrayList<>();
        ExecSetup.checkCombinations(s);
        if (s.flag(FAIL_ON_WARNING)) {
            failOn = Optional.of(Pattern.compile(failOn.map(p -> "(?:" + p.pattern() + ")|").orElse("") + KERNEL_WARNING));
        }

        if (s.optional(COMMAND).isPresent()) {
            List<String> command = commandOverride(s);
            summary.add("kvmboot: running the command from " + s.get(COMMAND).origin() + " as given");
            return new BootPlan(new GuestRun(command, outputDirectory, expect, failOn, timeout,
                    Optional.empty(), Optional.empty(), host.terminalAttached(), listener,
                    Duration.ofSeconds(s.nonNegativeSeconds(NO_OUTPUT_TIMEOUT)),
                    Optional.of(Pattern.compile(KERNEL_WARNING)), Optional.empty()), summary);
        }

        Path qemu = qemuBinary(s);
        Target target = target(s, ExecSetup.requested(s));
        List<String> diskArgs = new ArrayList<>();
        List<DiskImages.Disk> plannedDisks = disks(s, diskArgs);
        List<Path> disks = plannedDisks.stream().map(DiskImages.Disk::path).toList();
        long memoryMiB = s.memoryMiB(MEMORY);
        int cpus = s.optionalPositiveInt(CPUS).orElse(Math.min(4, host.hostCores()));
        boolean graphics = s.flag(GRAPHICS);
        DeviceSet deviceSet = s.choice(DEVICE_SET, DeviceSet.class);
        Accelerator accelerator = accelerators.choose(s, qemu, target.probeKernel());
        boolean snapshot = s.flag(SNAPSHOT);
        NetworkMode networkMode = networkMode(s); // checked before any image is created
        Optional<ExecSetup> exec = Optional.empty();
        if (ExecSetup.requested(s)) {
            if (target.kernel().isEmpty()) {
                throw s.invalid(EXEC, "needs a kernel to boot", "pass -Dkernel=arch/x86/boot/bzImage (or -Dkvmboot.latest)");
            }
            exec = Optional.of(ExecSetup.plan(s, host, target.kernel().get(), target.release(), outputDirectory,
                    networkMode == NetworkMode.USER));
            target = new Target(target.kernel(), target.release(), Optional.of(exec.get().initramfs()), target.probeKernel());
        }
        createImages(plannedDisks);

        QemuCommandBuilder builder;
        if (target.kernel().isPresent()) {
            String append = s.optional(APPEND).orElseGet(() -> defaultAppend(graphics, !disks.isEmpty() || !diskArgs.isEmpty(),
                    accelerator == Accelerator.TCG));
            builder = deviceSet.directKernelBoot(new DirectKernelBoot(qemu, accelerator, memoryMiB, cpus,
                    target.kernel().get(), target.initrd(), append, graphics, disks));
            summary.add("kvmboot: booting " + target.kernel().get() + " (" + target.release() + ")"
                    + target.initrd().map(i -> " with initramfs " + i).orElse(" without initramfs"));
        } else {
            builder = deviceSet.diskBoot(qemu, accelerator, memoryMiB, cpus, graphics, disks);
            summary.add("kvmboot: booting the bootloader of " + (disks.isEmpty() ? "the target disk" : disks.get(0)));
        }
        builder.rawArgs(diskArgs);
        if (target.kernel().isPresent()) {
            builder.device("pvpanic-pci"); // QMP GUEST_PANICKED when the kernel has CONFIG_PVPANIC_PCI
        }
        if (exec.isPresent()) {
            builder.rawArgs(exec.get().qemuArgs());
            if (deviceSet == DeviceSet.SEED) {
                builder.noReboot(); // init ends with reboot -f on kernels that cannot power off
            }
            summary.addAll(exec.get().summary());
        }
        return finish(s, builder, qemu, snapshot, summary, new RunSettings(outputDirectory, timeout, expect, failOn),
                accelerator, memoryMiB, cpus, deviceSet, disks, exec.map(ExecSetup::statusFile), listener);
    }

    /**
     * The plan for {@code kvmboot:install-guest}: the installer ISO as CD-ROM, the target as first
     * disk and the development disk as second, booting from the CD-ROM, on the same machine, ports
     * and supervision as {@link #plan}. Images to create are created last, after every check.
     */
    public InstallPlan planInstall(ResolvedSettings s, GuestListener listener) throws KvmbootException, InterruptedException {
        Path outputDirectory = s.optional(OUTPUT_DIRECTORY).map(host::resolve).orElse(host.defaultOutputDirectory());
        RunSettings run = new RunSettings(outputDirectory, Duration.ofSeconds(s.nonNegativeSeconds(TIMEOUT)),
                s.regex(EXPECT), s.regex(FAIL_ON));
        for (Setting ignored : List.of(COMMAND, USE_TARGET, USE_NEXT_TARGET, KERNEL, DISK_BOOT)) {
            if (s.get(ignored).source() != io.github.kvmboot.config.Source.DEFAULT && s.optional(ignored).isPresent()) {
                log.warn("kvmboot: " + ignored.canonicalProperty() + " (" + s.get(ignored).origin()
                        + ") is ignored by install-guest, which boots the ISO with kvmboot.target as first disk");
            }
        }
        Path iso = installerIso(s);
        Path qemu = qemuBinary(s);
        List<DiskImages.Disk> planned = new ArrayList<>();
        String targetValue = s.required(TARGET, "install-guest needs a target image to install onto",
                "set kvmboot.target, e.g. -Dkvmboot.target=/opt/qemu/guest.qcow2 -Dkvmboot.createTarget=6G");
        planned.add(diskImages.plan(s, TARGET, host.resolve(targetValue), CREATE_TARGET, Optional.of(BACKING_IMAGE)));
        if (!s.isNone(NEXT_TARGET) && s.optional(NEXT_TARGET).isPresent()) {
            planned.add(diskImages.plan(s, NEXT_TARGET, host.resolve(s.optional(NEXT_TARGET).get()),
                    CREATE_NEXT_TARGET, Optional.empty()));
        }
        for (DiskImages.Disk disk : planned) {
            if (sameFile(disk.path(), iso)) {
                throw s.invalid(disk.setting(), "is the installer ISO itself (" + iso + ")",
                        "point " + disk.setting().canonicalProperty() + " at the disk image to install onto");
            }
        }
        long memoryMiB = s.memoryMiB(MEMORY);
        int cpus = s.optionalPositiveInt(CPUS).orElse(Math.min(4, host.hostCores()));
        boolean graphics = installerGraphics(s);
        DeviceSet deviceSet = s.choice(DEVICE_SET, DeviceSet.class);
        Accelerator accelerator = accelerators.choose(s, qemu, hostProbeKernel());
        boolean snapshot = s.flag(SNAPSHOT);
        s.choice(NETWORK, NetworkMode.class); // checked before any image is created
        createImages(planned);
        List<Path> disks = planned.stream().map(DiskImages.Disk::path).toList();
        List<String> summary = new ArrayList<>();
        summary.add("kvmboot: installing from " + iso + " onto " + disks.get(0)
                + (disks.size() > 1 ? " (development disk " + disks.get(1) + ")" : "")
                + (graphics ? ", with a graphical display" : ", headless (installer on the serial console)"));
        if (snapshot) {
            log.warn("kvmboot: kvmboot.snapshot is set: everything the installer writes is discarded when QEMU exits");
        }
        QemuCommandBuilder builder = deviceSet.installBoot(qemu, accelerator, memoryMiB, cpus, graphics, disks, iso);
        BootPlan boot = finish(s, builder, qemu, snapshot, summary, run, accelerator, memoryMiB, cpus, deviceSet,
                disks, Optional.empty(), listener);
        return new InstallPlan(boot, disks);
    }

    /** Where and how long the supervisor watches, common to every plan. */
    private record RunSettings(Path outputDirectory, Duration timeout, Optional<Pattern> expect, Optional<Pattern> failOn) { }

    private BootPlan finish(ResolvedSettings s, QemuCommandBuilder builder, Path qemu, boolean snapshot,
            List<String> summary, RunSettings run, Accelerator accelerator, long memoryMiB, int cpus,
            DeviceSet deviceSet, List<Path> disks, Optional<Path> execStatus, GuestListener listener)
            throws KvmbootException {
        Path outputDirectory = run.outputDirectory();
        Duration timeout = run.timeout();
        Optional<Pattern> expect = run.expect();
        Optional<Pattern> failOn = run.failOn();
        if (snapshot) {
            builder.snapshot();
            summary.add("kvmboot: snapshot mode: disk writes are discarded when QEMU exits");
        }
        OptionalInt sshPort = network(s, builder, disks, outputDirectory);
        qemuDevFirmware(s, qemu).ifPresent(dir -> builder.rawArgs(List.of("-L", dir.toString())));
        Path qmpSocket;
        try {
            qmpSocket = QmpSocketPaths.choose(outputDirectory);
        } catch (java.io.IOException e) {
            throw s.invalid(OUTPUT_DIRECTORY, "cannot create " + outputDirectory + " (" + e.getMessage() + ")",
                    "point kvmboot.outputDirectory at a writable directory");
        }
        Path pidFile = outputDirectory.resolve("qemu.pid");
        builder.qmpSocket(qmpSocket).pidFile(pidFile);

        summary.add(String.format(Locale.ROOT, "kvmboot: %s, %d MiB, %d CPU%s, %s device set; console in %s",
                accelerator, memoryMiB, cpus, cpus == 1 ? "" : "s", deviceSet.name().toLowerCase(Locale.ROOT),
                outputDirectory.resolve("console.log")));
        expect.ifPresent(p -> summary.add("kvmboot: waiting for /" + p + "/"
                + (timeout.isZero() ? "" : " for at most " + timeout.toSeconds() + " s")));
        sshPort.ifPresent(port -> summary.add("kvmboot: guest ssh (port 22) forwarded from 127.0.0.1:" + port
                + " (ssh -p " + port + " root@127.0.0.1); published as kvmboot.ssh.port"));
        Duration noOutputTimeout = Duration.ofSeconds(s.nonNegativeSeconds(NO_OUTPUT_TIMEOUT));
        return new BootPlan(new GuestRun(builder.build(), outputDirectory, expect, failOn, timeout,
                Optional.of(qmpSocket), Optional.of(pidFile), host.terminalAttached(), listener,
                noOutputTimeout, Optional.of(Pattern.compile(KERNEL_WARNING)), execStatus),
                summary, sshPort);
    }

    /** What to boot: a kernel (given, or the newest in the boot dir) or the target disk's bootloader. */
    private record Target(Optional<Path> kernel, String release, Optional<Path> initrd, Optional<Path> probeKernel) { }

    private Target target(ResolvedSettings s, boolean generatedInitramfs) throws SettingException {
        Optional<String> kernel = s.optional(KERNEL);
        boolean latest = s.flag(LATEST);
        boolean diskBoot = s.flag(DISK_BOOT);
        if (kernel.isPresent() && diskBoot) {
            throw s.invalid(DISK_BOOT, "cannot be combined with kernel = '" + kernel.get() + "' ("
                    + s.get(KERNEL).origin() + "): diskBoot boots the target image's own bootloader",
                    "drop kvmboot.diskBoot to boot the kernel directly, or drop kernel to boot the disk");
        }
        if (kernel.isPresent() && latest) {
            throw s.invalid(LATEST, "cannot be combined with kernel = '" + kernel.get() + "' ("
                    + s.get(KERNEL).origin() + ")", "drop one of them");
        }
        if (latest && diskBoot) {
            throw s.invalid(LATEST, "cannot be combined with kvmboot.diskBoot", "drop one of them");
        }
        Path bootDir = host.resolve(s.optional(BOOT_DIR).orElse("/boot"));
        if (kernel.isPresent()) {
            Path image;
            String release;
            try {
                image = KernelLocator.resolveKernel(host.resolve(kernel.get()));
                release = BzImage.readRelease(image);
            } catch (KernelDiscoveryException e) {
                throw s.invalid(KERNEL, e.getMessage(),
                        "point it at a bzImage (arch/x86/boot/bzImage of a built tree, or /boot/vmlinuz-*) or at the kernel tree");
            }
            return new Target(Optional.of(image), release,
                    generatedInitramfs ? Optional.empty() : initrd(s, bootDir, release, Optional.empty()), Optional.of(image));
        }
        if (latest) {
            BootEntry newest;
            try {
                newest = BootDirScanner.newest(bootDir);
            } catch (KernelDiscoveryException e) {
                throw s.invalid(BOOT_DIR, e.getMessage(), "point kvmboot.bootDir at a directory with vmlinuz-<release> files");
            }
            return new Target(Optional.of(newest.kernel()), newest.release(),
                    generatedInitramfs ? Optional.empty() : initrd(s, bootDir, newest.release(), newest.initramfs()),
                    Optional.of(newest.kernel()));
        }
        if (!diskBoot && s.optional(TARGET).isEmpty() && s.optional(USE_TARGET).isEmpty()) {
            throw s.invalid(KERNEL, "nothing to boot",
                    "pass -Dkernel=arch/x86/boot/bzImage, -Dkvmboot.latest, or -Dkvmboot.target=IMAGE (with -Dkvmboot.diskBoot)");
        }
        if (s.optional(TARGET).isEmpty() && s.optional(USE_TARGET).isEmpty()) {
            throw s.invalid(TARGET, "kvmboot.diskBoot needs a target image to boot from",
                    "set kvmboot.target to the disk image, e.g. -Dkvmboot.target=/opt/qemu/guest.qcow2");
        }
        return new Target(Optional.empty(), "", Optional.empty(), hostProbeKernel());
    }

    /** Without a kernel of our own, KVM is probed with the host's newest installed kernel. */
    private Optional<Path> hostProbeKernel() {
        try {
            return Optional.of(BootDirScanner.newest(host.resolve("/boot")).kernel());
        } catch (KernelDiscoveryException e) {
            log.debug("no host kernel to probe KVM with: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Path> initrd(ResolvedSettings s, Path bootDir, String release, Optional<Path> found)
            throws SettingException {
        if (s.isNone(INITRD)) {
            return Optional.empty();
        }
        Optional<String> given = s.optional(INITRD);
        if (given.isPresent()) {
            Path initrd = host.resolve(given.get());
            if (!Files.isRegularFile(initrd) || !Files.isReadable(initrd)) {
                throw s.invalid(INITRD, "no readable file at " + initrd,
                        "point it at an initramfs image, or set kvmboot.initrd=none to boot without one");
            }
            return Optional.of(initrd);
        }
        if (found.isPresent()) {
            return found;
        }
        try {
            return Optional.of(InitramfsLocator.find(bootDir, release));
        } catch (KernelDiscoveryException e) {
            throw s.invalid(INITRD, "no initramfs for kernel release " + release + " (" + e.getMessage() + ")",
                    "set kvmboot.initrd to an initramfs path, or kvmboot.initrd=none to boot without one");
        }
    }

    private List<DiskImages.Disk> disks(ResolvedSettings s, List<String> rawArgs)
            throws SettingException, InterruptedException {
        List<DiskImages.Disk> disks = new ArrayList<>();
        if (s.optional(USE_TARGET).isPresent()) {
            rawArgs.addAll(split(s, USE_TARGET));
        } else if (s.optional(TARGET).isPresent()) {
            disks.add(diskImages.plan(s, TARGET, host.resolve(s.optional(TARGET).get()), CREATE_TARGET,
                    Optional.of(BACKING_IMAGE)));
        }
        if (!s.isNone(NEXT_TARGET)) {
            if (s.optional(USE_NEXT_TARGET).isPresent()) {
                rawArgs.addAll(split(s, USE_NEXT_TARGET));
            } else if (s.optional(NEXT_TARGET).isPresent()) {
                disks.add(diskImages.plan(s, NEXT_TARGET, host.resolve(s.optional(NEXT_TARGET).get()),
                        CREATE_NEXT_TARGET, Optional.empty()));
            }
        }
        return disks;
    }

    private void createImages(List<DiskImages.Disk> disks) throws KvmbootException, InterruptedException {
        for (DiskImages.Disk disk : disks) {
            diskImages.create(disk);
        }
    }

    /** The ISO: kvmboot.iso as a path, or as a name under kvmboot.isoPath; it must be an ISO 9660 image. */
    private Path installerIso(ResolvedSettings s) throws SettingException {
        Path isoPath = host.resolve(s.optional(ISO_PATH).orElse("/opt/isos"));
        String value = s.required(ISO, "install-guest needs an installer ISO",
                "set kvmboot.iso (or KVM_BOOT_ISO) to the ISO file" + isosUnder(isoPath));
        Path iso = host.resolve(value);
        if (!Files.exists(iso) && !Paths.get(value).isAbsolute() && Files.exists(isoPath.resolve(value))) {
            iso = isoPath.resolve(value).normalize();
        }
        if (!Files.isRegularFile(iso)) {
            throw s.invalid(ISO, Files.isDirectory(iso) ? iso + " is a directory" : "no file at " + iso
                    + (Paths.get(value).isAbsolute() ? "" : " (nor under kvmboot.isoPath " + isoPath + ")"),
                    "point kvmboot.iso at the installer ISO" + isosUnder(isoPath));
        }
        if (!Files.isReadable(iso)) {
            throw s.invalid(ISO, iso + " is not readable by this user", "fix its permissions");
        }
        if (!IsoImage.isIso9660(iso)) {
            throw s.invalid(ISO, iso + " is not an ISO 9660 image (no CD001 volume descriptor)",
                    "point kvmboot.iso at a CD/DVD installer image (.iso)");
        }
        return iso;
    }

    private static String isosUnder(Path isoPath) {
        try {
            List<IsoCatalog.Entry> isos = IsoCatalog.list(isoPath);
            if (isos.isEmpty()) {
                return "";
            }
            return "; ISOs under " + isoPath + ": " + String.join(", ", isos.stream()
                    .limit(10).map(e -> isoPath.relativize(e.path()).toString()).toList())
                    + (isos.size() > 10 ? ", ... (-Dkvmboot.listIsos lists all)" : "");
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * Installers are interactive: unless kvmboot.graphics is set explicitly, they get a display
     * when one is present ($DISPLAY or $WAYLAND_DISPLAY), and run headless otherwise.
     */
    private boolean installerGraphics(ResolvedSettings s) throws SettingException {
        if (s.get(GRAPHICS).source() != io.github.kvmboot.config.Source.DEFAULT) {
            return s.flag(GRAPHICS);
        }
        return hasDisplay(host.environment());
    }

    static boolean hasDisplay(java.util.Map<String, String> environment) {
        return List.of("DISPLAY", "WAYLAND_DISPLAY").stream()
                .map(environment::get)
                .anyMatch(v -> v != null && !v.isBlank());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b) : a.normalize().equals(b.normalize());
        } catch (java.io.IOException e) {
            return a.normalize().equals(b.normalize());
        }
    }

    private Path qemuBinary(ResolvedSettings s) throws SettingException {
        if (s.flag(QEMU_DEV)) {
            Path tree = host.home().resolve("devel/qemu");
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
        String qemu = s.optional(QEMU).orElse("qemu-system-x86_64");
        return host.findExecutable(qemu).orElseThrow(() -> s.invalid(QEMU,
                qemu.contains("/") ? "no executable file at " + host.resolve(qemu) : "not found on PATH",
                "install QEMU (Debian/Ubuntu: qemu-system-x86; Fedora: qemu-system-x86-core) or point kvmboot.qemu at the binary"));
    }

    /** With kvmboot.qemuDev, the firmware of the source tree (pc-bios/) goes with its binary. */
    private Optional<Path> qemuDevFirmware(ResolvedSettings s, Path qemu) throws SettingException {
        if (!s.flag(QEMU_DEV)) {
            return Optional.empty();
        }
        Path pcBios = host.home().resolve("devel/qemu/pc-bios");
        return Files.isDirectory(pcBios) ? Optional.of(pcBios) : Optional.empty();
    }

    private List<String> commandOverride(ResolvedSettings s) throws SettingException {
        List<String> command = new ArrayList<>(split(s, COMMAND));
        if (command.isEmpty()) {
            throw s.invalid(COMMAND, "is empty", "give the whole QEMU command line, or unset it");
        }
        String program = command.get(0);
        Path binary = host.findExecutable(program).orElseThrow(() -> s.invalid(COMMAND,
                "its program '" + program + "' is not an executable file or on PATH",
                "start the command with the QEMU binary, e.g. qemu-system-x86_64 -kernel ..."));
        command.set(0, binary.toString());
        for (Setting ignored : List.of(KERNEL, LATEST, TARGET, NEXT_TARGET, APPEND, MEMORY, CPUS, ACCEL)) {
            if (s.get(ignored).isSet() && s.get(ignored).source() != io.github.kvmboot.config.Source.DEFAULT) {
                log.warn("kvmboot: " + ignored.canonicalProperty() + " (" + s.get(ignored).origin()
                        + ") is ignored: kvmboot.command gives the whole QEMU command line");
            }
        }
        return command;
    }

    private static List<String> split(ResolvedSettings s, Setting setting) throws SettingException {
        String value = s.optional(setting).orElse("");
        try {
            return List.of(CommandLineUtils.translateCommandline(value));
        } catch (Exception e) {
            throw s.invalid(setting, "cannot be split into arguments the way a shell would: " + e.getMessage(),
                    "balance the quotes (' and \"); no shell runs it, so quote exactly as you would at a prompt");
        }
    }

    private NetworkMode networkMode(ResolvedSettings s) throws SettingException {
        NetworkMode mode = s.choice(NETWORK, NetworkMode.class);
        Path vdeSocket = host.resolve(s.optional(VDE_SOCKET).orElse("/var/run/qemu-vde.ctl"));
        return mode == NetworkMode.AUTO ? (Files.exists(vdeSocket) ? NetworkMode.VDE : NetworkMode.USER) : mode;
    }

    private OptionalInt network(ResolvedSettings s, QemuCommandBuilder builder, List<Path> disks, Path outputDirectory)
            throws SettingException {
        NetworkMode mode = networkMode(s);
        Path vdeSocket = host.resolve(s.optional(VDE_SOCKET).orElse("/var/run/qemu-vde.ctl"));
        if (mode == NetworkMode.NONE) {
            builder.rawArgs(List.of("-nic", "none"));
            return OptionalInt.empty();
        }
        String nic = "virtio-net-pci,netdev=net0,romfile=,mac=" + mac(s, disks, outputDirectory);
        if (mode == NetworkMode.VDE) {
            if (!Files.exists(vdeSocket)) {
                throw s.invalid(NETWORK, "vde needs the switch socket " + vdeSocket + ", which does not exist",
                        "start the switch (sudo mvn kvmboot:setup-switch), point kvmboot.vdeSocket at it, or use"
                                + " kvmboot.network=user");
            }
            builder.rawArgs(List.of("-netdev", "vde,id=net0,sock=" + QemuOptions.escape(vdeSocket.toString()),
                    "-device", nic));
            return OptionalInt.empty();
        }
        int port = FreePort.onLoopback();
        builder.rawArgs(List.of("-netdev", "user,id=net0,hostfwd=tcp:127.0.0.1:" + port + "-:22", "-device", nic));
        return OptionalInt.of(port);
    }

    /** kvmboot.mac, else stable per target image (per output directory for kernel-only boots). */
    private String mac(ResolvedSettings s, List<Path> disks, Path outputDirectory) throws SettingException {
        Optional<String> given = s.optional(MAC);
        if (given.isPresent()) {
            String problem = GuestMac.problem(given.get().trim());
            if (problem != null) {
                throw s.invalid(MAC, problem, "give a unicast MAC such as 52:54:00:12:34:56, or unset it for one derived from the image");
            }
            return given.get().trim().toLowerCase(Locale.ROOT);
        }
        return GuestMac.forPath(disks.isEmpty() ? outputDirectory : disks.get(0));
    }

    /**
     * Under TCG on a loaded host the kernel's IO-APIC timer check can time out and panic
     * ("IO-APIC + timer doesn't work!"); no_timer_check skips a check that only matters on hardware.
     */
    private static String defaultAppend(boolean graphics, boolean hasDisk, boolean tcg) {
        return (graphics ? "console=tty0 " : "") + DEFAULT_APPEND + (hasDisk ? " root=/dev/sda1 rw" : "")
                + (tcg ? " no_timer_check" : "");
    }
}
