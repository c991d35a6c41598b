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

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.guest.Busybox;
import io.github.kvmboot.guest.ExecInitramfs;
import io.github.kvmboot.guest.KernelConfig;
import io.github.kvmboot.guest.KernelModules;
import io.github.kvmboot.guest.Share;
import io.github.kvmboot.qemu.QemuOptions;

/**
 * {@code kvmboot.exec} and {@code kvmboot.share}: the generated initramfs, the status port and
 * the 9p devices. Decided before QEMU starts; every input problem is a {@link SettingException}.
 */
final class ExecSetup {

    /** The QEMU chardev id of the status port (the guest's ttyS3). */
    static final String STATUS_CHARDEV = "kvmboot-status";

    private final Path initramfs;
    private final Path statusFile;
    private final List<String> qemuArgs;
    private final List<String> summary;

    private ExecSetup(Path initramfs, Path statusFile, List<String> qemuArgs, List<String> summary) {
        this.initramfs = initramfs;
        this.statusFile = statusFile;
        this.qemuArgs = qemuArgs;
        this.summary = summary;
    }

    static boolean requested(ResolvedSettings s) {
        return s.optional(EXEC).isPresent();
    }

    /** Rejects settings that make no sense with exec (or shares without exec). */
    static void checkCombinations(ResolvedSettings s) throws SettingException {
        if (!requested(s)) {
            if (s.optional(SHARE).isPresent()) {
                throw s.invalid(SHARE, "needs kvmboot.exec: shares are mounted by the initramfs kvmboot generates",
                        "add -Dkvmboot.exec='your command' (mount 9p tags kvmboot0, kvmboot1, ... yourself otherwise)");
            }
            return;
        }
        for (var conflicting : List.of(INITRD, EXPECT, COMMAND, DISK_BOOT)) {
            if (s.optional(conflicting).isPresent() && !(conflicting == DISK_BOOT && !s.flag(DISK_BOOT))) {
                throw s.invalid(conflicting, "cannot be combined with kvmboot.exec = '" + s.optional(EXEC).get()
                        + "' (" + s.get(EXEC).origin() + "): exec boots the kernel with a generated initramfs and"
                        + " passes when the command exits with 0", "drop " + conflicting.canonicalProperty() + " or kvmboot.exec");
            }
        }
    }

    static ExecSetup plan(ResolvedSettings s, HostEnvironment host, Path kernel, String release, Path outputDirectory,
            boolean userNetwork) throws SettingException {
        String command = s.optional(EXEC).get();
        if (command.isBlank()) {
            throw s.invalid(EXEC, "is blank", "give a shell command, e.g. -Dkvmboot.exec='uname -r'");
        }
        Path busybox = host.resolve(s.optional(BUSYBOX).orElse("/bin/busybox"));
        Optional<String> problem = Busybox.problem(busybox);
        if (problem.isPresent()) {
            throw s.invalid(BUSYBOX, problem.get(), "install the Debian/Ubuntu package " + Busybox.DEBIAN_PACKAGE
                    + " (apt-get install " + Busybox.DEBIAN_PACKAGE + "), or point kvmboot.busybox at a statically linked busybox");
        }
        List<Share> shares = shares(s, host);
        Optional<KernelConfig> config = kernelConfig(kernel, release);
        Optional<KernelModules> modules = modules(s, host, release);
        if (!shares.isEmpty()) {
            check9p(s, config, modules);
        }
        List<KernelModules.Module> toLoad = moduleLoadOrder(s, modules, !shares.isEmpty(), userNetwork);

        Path image;
        try {
            image = new ExecInitramfs(busybox, command, toLoad, shares, userNetwork)
                    .writeTo(outputDirectory.resolve("initramfs"));
        } catch (IOException e) {
            throw s.invalid(OUTPUT_DIRECTORY, "cannot write the generated initramfs under " + outputDirectory
                    + " (" + e.getMessage() + ")", "point kvmboot.outputDirectory at a writable directory");
        }
        Path statusFile = outputDirectory.resolve("exec-status");
        List<String> args = new ArrayList<>(List.of(
                "-chardev", "file,id=" + STATUS_CHARDEV + ",path=" + QemuOptions.escape(statusFile.toString()),
                "-serial", "chardev:" + STATUS_CHARDEV));
        List<String> summary = new ArrayList<>();
        summary.add("kvmboot: running '" + command + "' in the guest (generated initramfs " + image
                + (toLoad.isEmpty() ? "" : ", loading " + toLoad.stream().map(KernelModules.Module::name).toList()) + ")");
        for (int i = 0; i < shares.size(); i++) {
            Share share = shares.get(i);
            args.addAll(List.of("-fsdev", "local,id=kvmbootfs" + i + ",path=" + QemuOptions.escape(share.hostDirectory().toString())
                            + ",security_model=none",
                    "-device", "virtio-9p-pci,fsdev=kvmbootfs" + i + ",mount_tag=" + share.tag()));
            summary.add("kvmboot: sharing " + share.hostDirectory() + " at " + share.guestPath() + " in the guest");
        }
        return new ExecSetup(image, statusFile, args, summary);
    }

    private static List<Share> shares(ResolvedSettings s, HostEnvironment host) throws SettingException {
        Optional<String> value = s.optional(SHARE);
        if (value.isEmpty()) {
            return List.of();
        }
        List<Share> shares;
        try {
            shares = Share.parse(value.get(), host::resolve);
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

    private static List<KernelModules.Module> moduleLoadOrder(ResolvedSettings s, Optional<KernelModules> modules,
            boolean shares, boolean userNetwork) throws SettingException {
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
            List<String> defaults = new ArrayList<>(List.of("virtio_pci", "pvpanic_pci"));
            if (shares) {
                defaults.addAll(List.of("9pnet_virtio", "9p"));
            }
            if (userNetwork) {
                defaults.add("virtio_net");
            }
            defaults.stream().filter(modules.get()::contains).forEach(wanted::add);
        }
        try {
            return modules.get().loadOrder(wanted);
        } catch (IOException e) {
            throw s.invalid(explicit.isPresent() ? LOAD_MODULES : MODULES, e.getMessage(),
                    "name modules that exist there (file names without .ko)");
        }
    }

    Path initramfs() {
        return initramfs;
    }

    Path statusFile() {
        return statusFile;
    }

    List<String> qemuArgs() {
        return qemuArgs;
    }

    List<String> summary() {
        return summary;
    }
}
