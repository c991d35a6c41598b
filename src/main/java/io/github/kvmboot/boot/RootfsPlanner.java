package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.guest.HostRoot;
import io.github.kvmboot.guest.HostRoot.Transport;
import io.github.kvmboot.guest.KernelConfig;
import io.github.kvmboot.guest.KernelModules;
import io.github.kvmboot.guest.Share;
import io.github.kvmboot.guest.TreeModules;
import io.github.kvmboot.process.HelperProcess;
import io.github.kvmboot.qemu.QemuCommandBuilder;
import io.github.kvmboot.qemu.SharedDirectories;

/**
 * {@code kvmboot.rootfs=host}: the host's {@code /} as the exec guest's root, read-only over
 * virtiofs (a virtiofsd per run) or 9p, with tmpfs overlays, the working directory, the kernel's
 * modules, and the kernel checked for the file systems before QEMU starts.
 */
final class RootfsPlanner {

    private static final String SOCKET_NAME = "virtiofsd.sock";
    private static final String MEMORY_ID = "kvmboot-mem";
    private static final String CHARDEV_ID = "kvmboot-rootfs";
    private static final String FSDEV_ID = "kvmbootroot";

    /**
     * @param hostRoot  what the init sets up
     * @param daemon    the virtiofsd to start before QEMU
     * @param workShare the working directory shared writable (kvmboot.writableWorkdir)
     * @param modules   the modules index of {@code hostRoot.modulesDirectory()}, for the initramfs
     */
    record Plan(HostRoot hostRoot, Optional<HelperProcess.Spec> daemon, Optional<Share> workShare,
            Optional<KernelModules> modules, List<String> summary) {

        /** The root's device, and the shared memory virtiofs needs. */
        void addDevices(QemuCommandBuilder builder, long memoryMiB) {
            if (daemon.isPresent()) {
                SharedDirectories.on(builder).sharedMemory(MEMORY_ID, memoryMiB).vhostUserFs(CHARDEV_ID, daemon.get().socket(), HostRoot.TAG);
            } else {
                SharedDirectories.on(builder).share9p(FSDEV_ID, Path.of("/"), HostRoot.TAG, true);
            }
        }

        /** The modules the initramfs loads when they are not built in, for the root's file systems. */
        List<String> neededModules() {
            return hostRoot.transport() == Transport.VIRTIOFS ? List.of("virtio_pci", "fuse", "virtiofs", "overlay")
                    : List.of("virtio_pci", "9pnet_virtio", "9p", "overlay");
        }
    }

    private RootfsPlanner() {
    }

    static boolean requested(ResolvedSettings s) {
        return s.optional(ROOTFS).map("host"::equalsIgnoreCase).orElse(false);
    }

    /** Rejects rootfs values and combinations that cannot work, before anything else is planned. */
    static void checkCombinations(ResolvedSettings s) throws SettingException {
        String value = s.optional(ROOTFS).orElse("initramfs");
        if (!value.equalsIgnoreCase("host") && !value.equalsIgnoreCase("initramfs")) {
            throw s.invalid(ROOTFS, "is not one of initramfs, host", "use host for the host's userland, or initramfs");
        }
        if (!requested(s)) {
            return;
        }
        if (s.optional(INITRD).isPresent()) {
            throw s.invalid(INITRD, "cannot be combined with kvmboot.rootfs=host: kvmboot generates the initramfs"
                    + " that mounts the host's root", "drop kvmboot.initrd or kvmboot.rootfs");
        }
        if (s.flag(DISK_BOOT)) {
            throw s.invalid(DISK_BOOT, "cannot be combined with kvmboot.rootfs=host: the host's root needs a kernel"
                    + " booted with kvmboot's initramfs", "drop kvmboot.diskBoot or kvmboot.rootfs");
        }
        for (String dir : rwDirs(s)) {
            if (!HostRoot.isSafePath(dir) || Path.of(dir).normalize().getNameCount() == 0) {
                throw s.invalid(RW_DIRS, "'" + dir + "' is " + (dir.startsWith("/") ? "/ itself or has characters other"
                        + " than letters, digits and ._/+@=-" : "not absolute"),
                        "list absolute directories below /, e.g. /etc,/var,/tmp (or none)");
            }
        }
    }

    static Plan prepare(ResolvedSettings s, HostEnvironment host, KernelPlanner.Target target, Path outputDirectory)
            throws SettingException {
        List<String> summary = new ArrayList<>();
        Optional<KernelConfig> config = kernelConfig(target);
        Transport transport = transport(s, host, config, summary);
        Optional<Path> modulesDir = modulesDirectory(s, host, target, config, outputDirectory);
        Optional<KernelModules> modules = Optional.empty();
        if (modulesDir.isPresent()) {
            try {
                modules = Optional.of(KernelModules.index(modulesDir.get()));
            } catch (IOException e) {
                throw s.invalid(MODULES, "cannot read " + modulesDir.get() + ": " + e.getMessage(), "fix its permissions");
            }
        }
        checkKernel(s, config, transport, modules.isPresent());
        Path workdir = host.basedir().toAbsolutePath().normalize();
        if (!HostRoot.isSafePath(workdir.toString())) {
            throw s.invalid(ROOTFS, "the working directory " + workdir + " has characters other than letters, digits"
                    + " and ._/+@=-", "run Maven in a directory with a plain path");
        }
        Optional<Share> workShare = s.flag(WRITABLE_WORKDIR)
                ? Optional.of(new Share(workdir, workdir.toString(), "kvmbootwork")) : Optional.empty();
        HostRoot root = new HostRoot(transport, rwDirs(s), workdir.toString(), modulesDir.map(Path::toString),
                target.release(), s.optional(EXEC).isEmpty());
        Optional<HelperProcess.Spec> daemon = Optional.empty();
        if (transport == Transport.VIRTIOFS) {
            Path daemonBinary = host.resolve(s.required(VIRTIOFSD, "point kvmboot.virtiofsd at the virtiofs daemon"));
            daemon = Optional.of(new HelperProcess.Spec("virtiofsd", List.of(daemonBinary.toString(),
                    "--socket-path=" + outputDirectory.toAbsolutePath().resolve(SOCKET_NAME), "-o", "source=/",
                    "-o", "cache=auto", "-o", "sandbox=chroot"), outputDirectory.toAbsolutePath().resolve(SOCKET_NAME),
                    outputDirectory.resolve("virtiofsd.log"), Duration.ofSeconds(10),
                    "kvmboot does not fall back by itself (the guest's root would change under the command): fix the"
                    + " daemon, point kvmboot.virtiofsd at another one, or share the root over 9p with"
                    + " -Dkvmboot.rootfsShare=9p (read-only too; slower for many small files)"));
        }
        summary.add("kvmboot: the guest's root is the host's / (read-only, " + transport.fileSystem() + "), writable"
                + " overlays on " + (root.rwDirs().isEmpty() ? "nothing" : String.join(", ", root.rwDirs()))
                + "; working directory " + workdir + (workShare.isPresent() ? " (writable)" : "")
                + modulesDir.map(d -> "; /lib/modules/" + target.release() + " from " + d).orElse(""));
        return new Plan(root, daemon, workShare, modules, summary);
    }

    private static List<String> rwDirs(ResolvedSettings s) {
        String value = s.optional(RW_DIRS).orElse("").trim();
        List<String> dirs = new ArrayList<>();
        if (value.equalsIgnoreCase("none")) {
            return dirs;
        }
        for (String dir : value.split(",")) {
            if (!dir.isBlank()) {
                dirs.add(dir.trim());
            }
        }
        return dirs;
    }

    private static Optional<KernelConfig> kernelConfig(KernelPlanner.Target target) {
        try {
            return KernelConfig.find(target.kernel().get(), target.release());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** kvmboot.rootfsShare, with auto = virtiofs when the daemon is there and can run (as root) and the kernel has it. */
    private static Transport transport(ResolvedSettings s, HostEnvironment host, Optional<KernelConfig> config,
            List<String> summary) throws SettingException {
        String choice = s.optional(ROOTFS_SHARE).orElse("auto").trim().toLowerCase(java.util.Locale.ROOT);
        Optional<Path> daemon = s.optional(VIRTIOFSD).flatMap(host::findExecutable);
        switch (choice) {
            case "9p":
                return Transport.NINE_P;
            case "virtiofs":
                if (daemon.isEmpty()) {
                    throw s.invalid(VIRTIOFSD, "no executable virtiofs daemon there", "install qemu-system-common"
                            + " (Debian) or virtiofsd, point kvmboot.virtiofsd at it, or set kvmboot.rootfsShare=9p");
                }
                return Transport.VIRTIOFS;
            case "auto":
                String why = daemon.isEmpty() ? "no virtiofsd at " + s.optional(VIRTIOFSD).orElse("?")
                        : !runningAsRoot() ? "virtiofsd needs root" : missing(config, KernelConfig.VIRTIO_FS).isEmpty()
                        ? "" : "the kernel has no virtiofs";
                if (why.isEmpty()) {
                    return Transport.VIRTIOFS;
                }
                summary.add("kvmboot: the host's root goes over 9p (" + why + ")");
                return Transport.NINE_P;
            default:
                throw s.invalid(ROOTFS_SHARE, "is not one of auto, virtiofs, 9p", "use one of auto, virtiofs, 9p");
        }
    }

    private static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** kvmboot.modules, else the modules of the kernel's build tree, installed into the output directory. */
    private static Optional<Path> modulesDirectory(ResolvedSettings s, HostEnvironment host, KernelPlanner.Target target,
            Optional<KernelConfig> config, Path outputDirectory) throws SettingException {
        if (s.optional(MODULES).isPresent()) {
            return KernelModules.locate(host.resolve(s.optional(MODULES).get()), target.release())
                    .map(p -> p.toAbsolutePath().normalize());
        }
        Optional<Path> tree = config.flatMap(TreeModules::treeOf);
        if (tree.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(outputDirectory);
            return Optional.of(TreeModules.install(tree.get(), target.release(), outputDirectory.toAbsolutePath()
                    .resolve("modules"), outputDirectory.resolve("modules_install.log")).normalize());
        } catch (IOException e) {
            throw s.invalid(ROOTFS, "cannot install the modules of " + tree.get() + " for the guest: " + e.getMessage(),
                    "fix the tree's build (make modules), or set kvmboot.modules to an installed modules directory");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw s.invalid(ROOTFS, "interrupted while installing the modules of " + tree.get(), "run again");
        }
    }

    private static void checkKernel(ResolvedSettings s, Optional<KernelConfig> config, Transport transport,
            boolean modules) throws SettingException {
        if (config.isEmpty()) {
            return; // the guest's init checks /proc/filesystems instead
        }
        List<String> needed = new ArrayList<>(transport == Transport.VIRTIOFS ? KernelConfig.VIRTIO_FS : KernelConfig.NINE_P);
        if (!rwDirs(s).isEmpty()) {
            needed.addAll(KernelConfig.OVERLAY_FS);
        }
        List<String> missing = missing(config, needed);
        if (!missing.isEmpty()) {
            throw s.invalid(ROOTFS, "the kernel lacks " + String.join(", ", missing) + " (not set in "
                    + config.get().file() + ") for the host's root over " + transport.fileSystem(),
                    "build it with " + String.join("=y, ", missing) + "=y" + (transport == Transport.VIRTIOFS
                            ? ", or set kvmboot.rootfsShare=9p" : "") + (missing.equals(KernelConfig.OVERLAY_FS)
                            ? ", or set kvmboot.rwDirs=none" : ""));
        }
        List<String> asModules = needed.stream().filter(o -> config.get().value(o).filter("m"::equals).isPresent()).toList();
        if (!asModules.isEmpty() && !modules) {
            throw s.invalid(ROOTFS, String.join(", ", asModules) + " are modules (=m in " + config.get().file() + ")",
                    "set kvmboot.modules to the kernel's modules directory so the initramfs can load them");
        }
    }

    private static List<String> missing(Optional<KernelConfig> config, List<String> options) {
        if (config.isEmpty()) {
            return List.of();
        }
        return options.stream().filter(o -> config.get().value(o).filter(v -> v.equals("y") || v.equals("m")).isEmpty())
                .toList();
    }
}
