package io.github.kvmboot.kernel;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Turns the kernel setting (an image file or a kernel source/build tree) into the image to boot. */
public final class KernelLocator {

    static final String TREE_IMAGE = "arch/x86/boot/bzImage";

    private KernelLocator() {
    }

    /**
     * A file is returned as is; a kernel tree (a directory with a Makefile and arch/x86/boot/)
     * gives its arch/x86/boot/bzImage. Relative paths must be resolved by the caller.
     */
    public static Path resolveKernel(Path kernelSetting) throws KernelDiscoveryException {
        if (Files.isDirectory(kernelSetting)) {
            return imageOfTree(kernelSetting);
        }
        String where = ReadableFile.display(kernelSetting);
        if (!Files.exists(kernelSetting, LinkOption.NOFOLLOW_LINKS)) {
            throw new KernelDiscoveryException(where
                    + " does not exist (expected a kernel image such as a bzImage, or a kernel tree directory)");
        }
        Optional<String> problem = ReadableFile.problem(kernelSetting);
        if (problem.isPresent()) {
            throw new KernelDiscoveryException("kernel image " + where + " " + problem.get());
        }
        return kernelSetting;
    }

    private static Path imageOfTree(Path dir) throws KernelDiscoveryException {
        String where = ReadableFile.display(dir);
        Path image = dir.resolve(TREE_IMAGE);
        boolean hasImage = Files.exists(image, LinkOption.NOFOLLOW_LINKS);
        if (!hasImage && !isKernelTree(dir)) {
            throw new KernelDiscoveryException(where + " is a directory but not a kernel tree (expected a Makefile"
                    + " and arch/x86/boot/ in it, or " + TREE_IMAGE + "); pass a kernel image file or the kernel"
                    + " source or build directory");
        }
        if (!hasImage) {
            throw new KernelDiscoveryException("kernel tree " + where + " has no " + TREE_IMAGE
                    + ": build it first with 'make bzImage' (or pass O= build dir)");
        }
        Optional<String> problem = ReadableFile.problem(image);
        if (problem.isPresent()) {
            throw new KernelDiscoveryException("kernel tree " + where + ": its " + TREE_IMAGE + " " + problem.get());
        }
        return image;
    }

    private static boolean isKernelTree(Path dir) {
        return Files.isRegularFile(dir.resolve("Makefile")) && Files.isDirectory(dir.resolve("arch/x86/boot"));
    }
}
