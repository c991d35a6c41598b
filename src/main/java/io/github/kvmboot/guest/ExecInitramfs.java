package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.kvmboot.Digests;
import io.github.kvmboot.initramfs.InitramfsBuilder;
import io.github.kvmboot.qemu.StatusChannel;

/**
 * The initramfs generated for {@code kvmboot.exec}: busybox, the {@link InitScript}, the command
 * and the modules to load. Written once per set of inputs under the cache directory.
 *
 * @param statusPort    the serial port the QEMU command line gives the status channel
 * @param hooks         shell lines features add to init (suspend cycles), see {@link InitHooks}
 * @param interactive   an interactive shell on the console instead of {@code command} (which is then unused)
 */
public record ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
        boolean userNetwork, StatusChannel statusPort, InitHooks hooks, boolean interactive,
        Optional<HostRoot> hostRoot) {

    /** The kernel command line words the generated init reads the host terminal's size from. */
    public static final String ROWS_PARAMETER = InitScript.ROWS_PARAMETER;
    public static final String COLUMNS_PARAMETER = InitScript.COLUMNS_PARAMETER;
    /** Part of the cache key: change it when the archive's layout changes without its inputs changing. */
    private static final String IMAGE_LAYOUT = "busybox-initramfs-1";

    /** Busybox as the guest's userland. */
    public ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
            boolean userNetwork, StatusChannel statusPort) {
        this(busybox, command, modules, shares, userNetwork, statusPort, InitHooks.NONE, false, Optional.empty());
    }

    /** A command initramfs with what features add to init ({@code hooks}: suspend cycles), in busybox or the host's userland. */
    public ExecInitramfs(Path busybox, String command, List<KernelModules.Module> modules, List<Share> shares,
            boolean userNetwork, StatusChannel statusPort, InitHooks hooks, Optional<HostRoot> hostRoot) {
        this(busybox, command, modules, shares, userNetwork, statusPort, hooks, false, hostRoot);
    }

    /** kvmboot's shell initramfs: an interactive busybox shell on the console; poweroff ends the run. */
    public static ExecInitramfs shell(Path busybox, List<KernelModules.Module> modules, boolean userNetwork,
            StatusChannel statusPort) {
        return new ExecInitramfs(busybox, "", modules, List.of(), userNetwork, statusPort, InitHooks.NONE, true,
                Optional.empty());
    }

    public ExecInitramfs {
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(busybox, "busybox");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(statusPort, "statusPort");
        Objects.requireNonNull(hostRoot, "hostRoot");
        modules = List.copyOf(modules);
        shares = List.copyOf(shares);
    }

    /**
     * Builds the image (or finds it already built) under {@code cacheDirectory}; returns its path.
     * The name is a digest of the inputs (texts, and the host files' path, size and time), so a
     * cached image is found without reading busybox or building the archive: that was ~0.25 s of
     * every exec boot's planning in the plugin's cold JVM.
     */
    public Path writeTo(Path cacheDirectory) throws IOException {
        String init = InitScript.render(modules.stream().map(KernelModules.Module::name).toList(), shares, userNetwork,
                statusPort, hooks, interactive, hostRoot);
        Path image = cacheDirectory.resolve("exec-" + recipeKey(init) + ".cpio.gz");
        if (Files.isRegularFile(image)) {
            return image;
        }
        InitramfsBuilder builder = InitramfsBuilder.busybox(busybox, init);
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
        builder.writeGzip(image);
        return image;
    }

    private String recipeKey(String init) throws IOException {
        MessageDigest digest = Digests.sha256();
        text(digest, IMAGE_LAYOUT);
        text(digest, init);
        text(digest, command);
        text(digest, interactive ? InitScript.shellRc() : "");
        text(digest, hostRoot.map(HostRoot::workingDirectory).orElse(""));
        Digests.addFileIdentity(digest, busybox);
        for (KernelModules.Module module : modules) {
            text(digest, module.name());
            Digests.addFileIdentity(digest, module.file());
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }

    private static void text(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
    }

}
