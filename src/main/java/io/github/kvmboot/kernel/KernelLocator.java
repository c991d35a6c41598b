package io.github.kvmboot.kernel;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
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
        return resolveKernel(kernelSetting, List.of(TREE_IMAGE));
    }

    /**
     * As {@link #resolveKernel(Path)}, a tree giving the first of {@code treeImages} it has (the
     * images of the architectures asked for, e.g. {@code arch/arm64/boot/Image}); messages name the first.
     */
    public static Path resolveKernel(Path kernelSetting, List<String> treeImages) throws KernelDiscoveryException {
        if (Files.isDirectory(kernelSetting)) {
            for (String treeImage : treeImages.subList(1, treeImages.size())) {
                if (Files.exists(kernelSetting.resolve(treeImage), LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(kernelSetting.resolve(treeImages.get(0)), LinkOption.NOFOLLOW_LINKS)) {
                    return imageOfTree(kernelSetting, treeImage);
                }
            }
            return imageOfTree(kernelSetting, treeImages.get(0));
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

    private static Path imageOfTree(Path dir, String treeImage) throws KernelDiscoveryException {
        String where = ReadableFile.display(dir);
        Path image = dir.resolve(treeImage);
        Path bootDir = Path.of(treeImage).getParent();
        boolean hasImage = Files.exists(image, LinkOption.NOFOLLOW_LINKS);
        if (!hasImage && !isKernelTree(dir, bootDir)) {
            throw new KernelDiscoveryException(where + " is a directory but not a kernel tree (expected a Makefile"
                    + " and " + bootDir + "/ in it, or " + treeImage + "); pass a kernel image file or the kernel"
                    + " source or build directory");
        }
        if (!hasImage) {
            throw new KernelDiscoveryException("kernel tree " + where + " has no " + treeImage
                    + ": build it first with 'make " + image.getFileName() + "' (or pass O= build dir)");
        }
        Optional<String> problem = ReadableFile.problem(image);
        if (problem.isPresent()) {
            throw new KernelDiscoveryException("kernel tree " + where + ": its " + treeImage + " " + problem.get());
        }
        return image;
    }

    private static boolean isKernelTree(Path dir, Path bootDir) {
        return Files.isRegularFile(dir.resolve("Makefile")) && Files.isDirectory(dir.resolve(bootDir));
    }
}
