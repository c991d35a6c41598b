package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.kvmboot.arch.Architecture;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.guest.Busybox;
import io.github.kvmboot.guest.ExecInitramfs;
import io.github.kvmboot.guest.KernelConfig;
import io.github.kvmboot.guest.KernelModules;
import io.github.kvmboot.guest.Share;
import io.github.kvmboot.qemu.StatusChannel;

/**
 * {@code kvmboot.exec} and {@code kvmboot.share}, checked: the command, busybox, the modules to
 * load and the shares. {@link #generate} then writes the initramfs for a status port the QEMU
 * command line has reserved. Every input problem is a {@link SettingException}, before QEMU starts.
 */
final class ExecPlanner {

    private final String command;
    private final Path busybox;
    private final List<KernelModules.Module> toLoad;
    private final List<Share> shares;
    private final boolean userNetwork;
    /** Empty for kvmboot.exec; for the shell initramfs, the line saying why and how to choose otherwise. */
    private final Optional<String> shellReason;
    private final Optional<RootfsPlanner.Plan> rootfs;

    private ExecPlanner(String command, Path busybox, List<KernelModules.Module> toLoad, List<Share> shares,
            boolean userNetwork, Optional<String> shellReason, Optional<RootfsPlanner.Plan> rootfs) {
        this.rootfs = rootfs;
        this.command = command;
        this.shellReason = shellReason;
        this.busybox = busybox;
        this.toLoad = toLoad;
        this.shares = shares;
        this.userNetwork = userNetwork;
    }

    /**
     * kvmboot.exec, kvmboot.suspend (whose cycles the generated init runs; then the command is
     * {@code true}), or kvmboot.rootfs=host (without exec: an interactive shell in the host's userland).
     */
    static boolean requested(ResolvedSettings s) throws SettingException {
        return s.optional(EXEC).isPresent() || SuspendPlanner.requested(s) || RootfsPlanner.requested(s);
    }

    /** Rejects settings that make no sense with exec (or shares without exec). */
    static void checkCombinations(ResolvedSettings s) throws SettingException {
        RootfsPlanner.checkCombinations(s);
        if (!requested(s)) {
            if (s.optional(SHARE).isPresent()) {
                throw s.invalid(SHARE, "needs kvmboot.exec: shares are mounted by the initramfs kvmboot generates",
                        "add -Dkvmboot.exec='your command' (mount 9p tags kvmboot0, kvmboot1, ... yourself otherwise)");
            }
            return;
        }
        for (var conflicting : List.of(INITRD, EXPECT, COMMAND, DISK_BOOT)) {
            if (s.optional(conflicting).isPresent() && !(conflicting == DISK_BOOT && !s.flag(DISK_BOOT))) {
                String generatedBy = s.optional(EXEC).isPresent()
                        ? "kvmboot.exec = '" + s.optional(EXEC).get() + "' (" + s.get(EXEC).origin() + ")"
                        : RootfsPlanner.requested(s) ? "kvmboot.rootfs=host (" + s.get(ROOTFS).origin() + ")"
                        : "kvmboot.suspend = '" + s.optional(SUSPEND).get() + "' (" + s.get(SUSPEND).origin() + ")";
                throw s.invalid(conflicting, "cannot be combined with " + generatedBy + ": exec boots the kernel with a generated initramfs and"
                        + " passes when the command exits with 0", "drop " + conflicting.canonicalProperty() + " or kvmboot.exec");
            }
        }
    }

    /** Checks the exec settings for booting the target's kernel. */
    static ExecPlanner prepare(ResolvedSettings s, HostEnvironment host, KernelPlanner.Target target, boolean userNetwork,
            Path outputDirectory) throws SettingException {
        if (target.kernel().isEmpty()) {
            throw s.invalid(EXEC, "needs a kernel to boot", "pass -Dkernel=arch/x86/boot/bzImage (or -Dkvmboot.latest)");
        }
        Optional<RootfsPlanner.Plan> rootfs = RootfsPlanner.requested(s)
                ? Optional.of(RootfsPlanner.prepare(s, host, target, outputDirectory)) : Optional.empty();
        String command = s.optional(EXEC).orElse(rootfs.isEmpty() ? "true"
                : Files.isExecutable(Path.of("/bin/bash")) ? "exec /bin/bash -l" : "exec /bin/sh -l");
        if (command.isBlank()) {
            throw s.invalid(EXEC, "is blank", "give a shell command, e.g. -Dkvmboot.exec='uname -r'");
        }
        Path busybox = host.resolve(s.required(BUSYBOX, "point kvmboot.busybox at a statically linked busybox"));
        Optional<String> problem = Busybox.problem(busybox, target.architecture());
        if (problem.isPresent()) {
            throw s.invalid(BUSYBOX, problem.get(), target.architecture() != Architecture.X86_64
                    ? Busybox.foreignPackageHint(target.architecture())
                    : "install the Debian/Ubuntu package " + Busybox.DEBIAN_PACKAGE
                    + " (apt-get install " + Busybox.DEBIAN_PACKAGE + "), or point kvmboot.busybox at a statically linked busybox");
        }
        String release = target.release();
        List<Share> shares = new ArrayList<>(shares(s, host, rootfs.isPresent()));
        rootfs.flatMap(RootfsPlanner.Plan::workShare).ifPresent(shares::add);
        Optional<KernelConfig> config = kernelConfig(target.kernel().get(), release);
        Optional<KernelModules> modules = s.optional(MODULES).isEmpty() && rootfs.isPresent()
                ? rootfs.get().modules() : modules(s, host, release);
        if (!shares.isEmpty()) {
            check9p(s, config, modules);
        }
        List<String> needed = new ArrayList<>(rootfs.map(RootfsPlanner.Plan::neededModules).orElse(List.of()));
        needed.addAll(statusPortModules(target));
        List<String> forSuspend = SuspendPlanner.neededModules(s);
        needed.addAll(forSuspend);
        if (!forSuspend.isEmpty()) {
            checkSwapDisk(s, config, modules);
        }
        List<KernelModules.Module> toLoad = moduleLoadOrder(s, modules, !shares.isEmpty(), userNetwork, needed);
        return new ExecPlanner(command, busybox, toLoad, shares, userNetwork, Optional.empty(), rootfs);
    }

    /**
     * No initramfs was found for the target's kernel: kvmboot's generated one with an interactive
     * shell ({@link ExecInitramfs#shell}). A missing busybox names kvmboot.initrd as well.
     */
    static ExecPlanner shell(ResolvedSettings s, HostEnvironment host, KernelPlanner.Target target, boolean userNetwork)
            throws SettingException {
        String release = target.release();
        Path busybox = host.resolve(s.required(BUSYBOX, "point kvmboot.busybox at a statically linked busybox"));
        Optional<String> problem = Busybox.problem(busybox, target.architecture());
        if (problem.isPresent()) {
            throw s.invalid(BUSYBOX, problem.get() + "; no initramfs was found for kernel release " + release
                    + ", so kvmboot generates one with a busybox shell", "install the Debian/Ubuntu package "
                    + Busybox.DEBIAN_PACKAGE + ", point kvmboot.busybox at a statically linked busybox, or set"
                    + " kvmboot.initrd=PATH (or none)");
        }
        List<KernelModules.Module> toLoad = moduleLoadOrder(s, modules(s, host, release), false, userNetwork,
                statusPortModules(target));
        String why = s.optional(INITRD).isPresent() ? "kvmboot.initrd=" + KernelPlanner.SHELL
                : "no initramfs found for " + release;
        return new ExecPlanner("", busybox, toLoad, List.of(), userNetwork, Optional.of("kvmboot: " + why
                + ": booting kvmboot's generated initramfs with an interactive busybox shell on the console"
                + " (poweroff ends the run); -Dkvmboot.initrd=PATH boots another, -Dkvmboot.initrd=none none"), Optional.empty());
    }

    /**
     * Writes the initramfs (cached by content under {@code outputDirectory}/initramfs) whose init
     * reports on {@code statusPort}.
     */
    ExecGuest generate(ResolvedSettings s, StatusChannel statusPort, Path outputDirectory) throws SettingException {
        Path image;
        try {
            image = (shellReason.isPresent() ? ExecInitramfs.shell(busybox, toLoad, userNetwork, statusPort)
                    : new ExecInitramfs(busybox, command, toLoad, shares, userNetwork, statusPort,
                            SuspendPlanner.initHooks(s), rootfs.map(RootfsPlanner.Plan::hostRoot)))
                    .writeTo(outputDirectory.resolve("initramfs"));
        } catch (IOException e) {
            throw s.invalid(OUTPUT_DIRECTORY, "cannot write the generated initramfs under " + outputDirectory
                    + " (" + e.getMessage() + ")", "point kvmboot.outputDirectory at a writable directory");
        }
        List<String> summary = new ArrayList<>();
        if (shellReason.isPresent()) {
            summary.add(shellReason.get() + " (" + image + ")");
            return new ExecGuest(image, statusPort, outputDirectory.resolve("exec-status"), shares, summary, Optional.empty());
        }
        summary.add("kvmboot: running '" + command + "' in the guest (generated initramfs " + image
                + (toLoad.isEmpty() ? "" : ", loading " + toLoad.stream().map(KernelModules.Module::name).toList()) + ")");
        rootfs.ifPresent(r -> summary.addAll(r.summary()));
        for (Share share : shares) {
            summary.add("kvmboot: sharing " + share.hostDirectory() + " at " + share.guestPath() + " in the guest");
        }
        return new ExecGuest(image, statusPort, outputDirectory.resolve("exec-status"), shares, summary, rootfs);
    }

    private static List<Share> shares(ResolvedSettings s, HostEnvironment host, boolean atHostPaths) throws SettingException {
        Optional<String> value = s.optional(SHARE);
        if (value.isEmpty()) {
            return List.of();
        }
        List<Share> shares;
        try {
            shares = Share.parse(value.get(), host::resolve, atHostPaths);
        } catch (IllegalArgumentException e) {
            throw s.invalid(SHARE, e.getMessage(), "use /host/dir or /host/dir:/guest/dir, several separated by commas");
        }
        for (Share share : shares) {
            if (!Files.isDirectory(share.hostDirectory())) {
                throw s.invalid(SHARE, "no directory at " + share.hostDirectory(), "create it or fix the path");
            }
        }
        return shares;
    }

    private static Optional<KernelConfig> kernelConfig(Path kernel, String release) {
        try {
            return KernelConfig.find(kernel, release);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<KernelModules> modules(ResolvedSettings s, HostEnvironment host, String release)
            throws SettingException {
        Optional<String> value = s.optional(MODULES);
        if (value.isEmpty()) {
            if (s.optional(LOAD_MODULES).isPresent()) {
                throw s.invalid(LOAD_MODULES, "needs kvmboot.modules", "set kvmboot.modules to the kernel's lib/modules/"
                        + release + " directory or to its INSTALL_MOD_PATH");
            }
            return Optional.empty();
        }
        Path dir = host.resolve(value.get());
        Path located = KernelModules.locate(dir, release).orElseThrow(() -> s.invalid(MODULES,
                "no modules for kernel release " + release + " at " + dir + " (looked for lib/modules/" + release
                        + ", " + release + "/ and kernel/ there)",
                "point it at lib/modules/" + release + " or at the INSTALL_MOD_PATH of 'make modules_install'"));
        try {
            return Optional.of(KernelModules.index(located));
        } catch (IOException e) {
            throw s.invalid(MODULES, "cannot read " + located + ": " + e.getMessage(), "fix its permissions");
        }
    }

    /** kvmboot.suspend=disk: the guest needs virtio-blk for its swap disk (and virtio-pci under it). */
    private static void checkSwapDisk(ResolvedSettings s, Optional<KernelConfig> config, Optional<KernelModules> modules)
            throws SettingException {
        if (config.isEmpty()) {
            return; // the guest's init reports a missing swap disk instead
        }
        List<String> asModules = new ArrayList<>();
        for (String option : KernelConfig.VIRTIO_BLK) {
            Optional<String> value = config.get().value(option);
            if (value.isEmpty() || value.get().equals("n")) {
                throw s.invalid(SUSPEND, "disk (S4) needs a swap disk, but the kernel has no " + option + " (not set in "
                        + config.get().file() + ")", "build the kernel with " + String.join("=y, ", KernelConfig.VIRTIO_BLK)
                        + "=y");
            }
            if (value.get().equals("m")) {
                asModules.add(option);
            }
        }
        if (!asModules.isEmpty() && modules.isEmpty()) {
            throw s.invalid(SUSPEND, "disk (S4) needs the swap disk's driver, but " + String.join(", ", asModules)
                    + " are modules (=m in " + config.get().file() + ")", "set kvmboot.modules to the kernel's modules"
                    + " directory so the guest can load them");
        }
    }

    private static void check9p(ResolvedSettings s, Optional<KernelConfig> config, Optional<KernelModules> modules)
            throws SettingException {
        if (config.isEmpty()) {
            return; // the guest's init checks /proc/filesystems instead
        }
        List<String> missing = new ArrayList<>();
        List<String> asModules = new ArrayList<>();
        for (String option : KernelConfig.NINE_P) {
            Optional<String> value = config.get().value(option);
            if (value.isEmpty() || value.get().equals("n")) {
                missing.add(option);
            } else if (value.get().equals("m")) {
                asModules.add(option);
            }
        }
        if (!missing.isEmpty()) {
            throw s.invalid(SHARE, "the kernel has no 9p support: " + String.join(", ", missing) + " not set in "
                    + config.get().file(), "build the kernel with " + String.join("=y, ", KernelConfig.NINE_P) + "=y");
        }
        if (!asModules.isEmpty() && modules.isEmpty()) {
            throw s.invalid(SHARE, String.join(", ", asModules) + " are modules (=m in " + config.get().file() + ")",
                    "set kvmboot.modules to the kernel's modules directory so the guest can load them");
        }
    }

    /** Off the PC, the status channel is a virtio-serial port: its driver, when it is a module. */
    private static List<String> statusPortModules(KernelPlanner.Target target) {
        return target.architecture().isPc() ? List.of() : List.of("virtio_console");
    }

    private static List<KernelModules.Module> moduleLoadOrder(ResolvedSettings s, Optional<KernelModules> modules,
            boolean shares, boolean userNetwork, List<String> needed) throws SettingException {
        if (modules.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>();
        Optional<String> explicit = s.optional(LOAD_MODULES);
        if (explicit.isPresent()) {
            for (String name : explicit.get().split(",")) {
                if (!name.isBlank()) {
                    wanted.add(name.trim());
                }
            }
        } else {
            // button + evdev: the init's acpid powers off on kvmboot:stop's ACPI power-down
            List<String> defaults = new ArrayList<>(List.of("virtio_pci", "pvpanic_pci", "button", "evdev"));
            if (shares) {
                defaults.addAll(List.of("9pnet_virtio", "9p"));
            }
            if (userNetwork) {
                defaults.add("virtio_net");
            }
            defaults.addAll(needed);
            defaults.stream().filter(modules.get()::contains).forEach(wanted::add);
        }
        try {
            return modules.get().loadOrder(wanted);
        } catch (IOException e) {
            throw s.invalid(explicit.isPresent() ? LOAD_MODULES : MODULES, e.getMessage(),
                    "name modules that exist there (file names without .ko)");
        }
    }
}
