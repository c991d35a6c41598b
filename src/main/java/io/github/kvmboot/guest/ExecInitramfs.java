package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.kvmboot.initramfs.InitramfsBuilder;
import io.github.kvmboot.qemu.SerialPort;

/**
 * The initramfs generated for {@code kvmboot.exec}: busybox, the {@link InitScript}, the command
 * and the modules to load. Written once per content under the cache directory.
 *
 * @param statusPort the serial port the QEMU command line gives the status channel
 */
public record ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
        boolean userNetwork, SerialPort statusPort, Optional<HostRoot> hostRoot) {

    /** Busybox as the guest's userland. */
    public ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
            boolean userNetwork, SerialPort statusPort) {
        this(busybox, command, modules, shares, userNetwork, statusPort, Optional.empty());
    }


    public ExecInitramfs {
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
                        hostRoot));
        builder.file(InitScript.COMMAND_FILE, command, 0644);
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
