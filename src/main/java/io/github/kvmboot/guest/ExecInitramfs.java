package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.kvmboot.initramfs.InitramfsBuilder;
import io.github.kvmboot.qemu.StatusChannel;

/**
 * The initramfs generated for {@code kvmboot.exec}: busybox, the {@link InitScript}, the command
 * and the modules to load. Written once per content under the cache directory.
 *
 * @param statusPort    the serial port the QEMU command line gives the status channel
 * @param beforeCommand shell lines init runs right before the command (suspend cycles), or ""
 * @param interactive   an interactive shell on the console instead of {@code command} (which is then unused)
 */
public record ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
        boolean userNetwork, StatusChannel statusPort, String beforeCommand, boolean interactive,
        Optional<HostRoot> hostRoot) {

    /** The kernel command line words the generated init reads the host terminal's size from. */
    public static final String ROWS_PARAMETER = InitScript.ROWS_PARAMETER;
    public static final String COLUMNS_PARAMETER = InitScript.COLUMNS_PARAMETER;

    /** Busybox as the guest's userland. */
    public ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
            boolean userNetwork, StatusChannel statusPort) {
        this(busybox, command, modules, shares, userNetwork, statusPort, "", false, Optional.empty());
    }

    /** A command initramfs that runs {@code beforeCommand} (suspend cycles) first, in busybox or the host's userland. */
    public ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
            boolean userNetwork, StatusChannel statusPort, String beforeCommand, Optional<HostRoot> hostRoot) {
        this(busybox, command, modules, shares, userNetwork, statusPort, beforeCommand, false, hostRoot);
    }

    /** kvmboot's shell initramfs: an interactive busybox shell on the console; poweroff ends the run. */
    public static ExecInitramfs shell(Path busybox, List<KernelModules.Module> modules, boolean userNetwork,
            StatusChannel statusPort) {
        return new ExecInitramfs(busybox, "", modules, List.of(), userNetwork, statusPort, "", true, Optional.empty());
    }

    public ExecInitramfs {
        Objects.requireNonNull(beforeCommand, "beforeCommand");
        Objects.requireNonNull(busybox, "busybox");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(statusPort, "statusPort");
        Objects.requireNonNull(hostRoot, "hostRoot");
        modules = List.copyOf(modules);
        shares = List.copyOf(shares);
    }

    /** Builds the image (or finds it already built) under {@code cacheDirectory}; returns its path. */
    public Path writeTo(Path cacheDirectory) throws IOException {
        InitramfsBuilder builder = InitramfsBuilder.busybox(busybox,
                InitScript.render(modules.stream().map(KernelModules.Module::name).toList(), shares, userNetwork, statusPort,
                        beforeCommand, interactive, hostRoot));
        builder.file(InitScript.COMMAND_FILE, command, 0644);
        if (interactive) {
            builder.file(InitScript.SHELL_RC, InitScript.shellRc(), 0644);
        }
        if (hostRoot.isPresent()) {
            builder.file(HostRoot.WORKDIR_FILE, hostRoot.get().workingDirectory(), 0644);
        }
        for (KernelModules.Module module : modules) {
            builder.file(InitScript.MODULE_DIR + "/" + module.name() + ".ko", module.file(), 0644);
        }
        Path image = cacheDirectory.resolve("exec-" + builder.contentHash().substring(0, 32) + ".cpio.gz");
        if (!Files.isRegularFile(image)) {
            builder.writeGzip(image);
        }
        return image;
    }
}
