package io.github.kvmboot.guest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The modules of a kernel build tree, installed for the guest: {@code make modules_install
 * INSTALL_MOD_PATH=<destination>} (which runs depmod), so {@code modprobe} works in the guest.
 * Skipped while the installed copy is newer than the tree's {@code modules.order}.
 */
public final class TreeModules {

    private TreeModules() {
    }

    /** The tree of {@code <tree>/arch/x86/boot/bzImage} when it was built with modules. */
    public static Optional<Path> treeOf(KernelConfig config) {
        Path tree = config.file().getParent();
        boolean modules = config.file().getFileName().toString().equals(".config")
                && config.value("CONFIG_MODULES").filter("y"::equals).isPresent();
        return modules && Files.isRegularFile(tree.resolve("modules.order")) ? Optional.of(tree) : Optional.empty();
    }

    /**
     * Installs the tree's modules under {@code destination}; returns {@code lib/modules/<release>} there.
     *
     * @throws IOException naming make's last output lines (in {@code logFile}) when it fails
     */
    public static Path install(Path tree, String release, Path destination, Path logFile)
            throws IOException, InterruptedException {
        Path installed = destination.resolve("lib/modules").resolve(release);
        Path stamp = installed.resolve("modules.dep");
        if (Files.isRegularFile(stamp)
                && Files.getLastModifiedTime(stamp).compareTo(Files.getLastModifiedTime(tree.resolve("modules.order"))) > 0) {
            return installed;
        }
        Files.createDirectories(destination);
        List<String> argv = new ArrayList<>(List.of("make", "-s", "-C", tree.toString(), "modules_install",
                "INSTALL_MOD_PATH=" + destination.toAbsolutePath()));
        for (String depmod : List.of("/sbin/depmod", "/usr/sbin/depmod")) {
            if (Files.isExecutable(Path.of(depmod))) {
                argv.add("DEPMOD=" + depmod);
                break;
            }
        }
        Process make = new ProcessBuilder(argv).redirectInput(new File("/dev/null")).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        int exit = make.waitFor();
        if (exit != 0 || !Files.isRegularFile(stamp)) {
            List<String> lines = Files.readAllLines(logFile);
            throw new IOException("make modules_install in " + tree + " " + (exit != 0 ? "exited with " + exit
                    : "wrote no " + stamp + " (is depmod, package kmod, installed?)") + ": "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        return installed;
    }
}
