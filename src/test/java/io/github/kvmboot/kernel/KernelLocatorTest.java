package io.github.kvmboot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLocatorTest {

    @TempDir
    Path dir;

    @Test
    void aFileIsTheKernelItself() throws Exception {
        Path image = Files.write(dir.resolve("my-bzImage"), SyntheticBzImage.withVersion("6.9.0 (a@b)"));

        assertEquals(image, KernelLocator.resolveKernel(image));
    }

    @Test
    void aKernelTreeGivesItsBzImage() throws Exception {
        Path tree = kernelTree();
        Path image = Files.write(tree.resolve("arch/x86/boot/bzImage"), SyntheticBzImage.withVersion("6.9.0 (a@b)"));

        assertEquals(image, KernelLocator.resolveKernel(tree));
    }

    @Test
    void aBzImageSymlinkInATreeIsFollowed() throws Exception {
        Path tree = kernelTree();
        Path built = Files.write(tree.resolve("built-elsewhere"), SyntheticBzImage.withVersion("6.9.0 (a@b)"));
        Path link = Files.createSymbolicLink(tree.resolve("arch/x86/boot/bzImage"), built);

        assertEquals(link, KernelLocator.resolveKernel(tree));
    }

    @Test
    void aTreeWithoutBzImageSaysHowToBuildIt() throws Exception {
        Path tree = kernelTree();

        assertMessage(tree, "kernel tree " + tree + " has no arch/x86/boot/bzImage: build it first with"
                + " 'make bzImage' (or pass O= build dir)");
    }

    @Test
    void aTreeWhoseBzImageIsADirectory() throws Exception {
        Path tree = kernelTree();
        Files.createDirectory(tree.resolve("arch/x86/boot/bzImage"));

        assertMessage(tree, "kernel tree " + tree + ": its arch/x86/boot/bzImage is a directory");
    }

    @Test
    void aDirectoryThatIsNotATree() throws Exception {
        Files.writeString(dir.resolve("README"), "not a kernel");

        assertMessage(dir, dir + " is a directory but not a kernel tree (expected a Makefile and arch/x86/boot/");
    }

    @Test
    void aMakefileAloneIsNotATree() throws Exception {
        Files.writeString(dir.resolve("Makefile"), "all:\n");

        assertMessage(dir, dir + " is a directory but not a kernel tree");
    }

    @Test
    void aMissingPathIsNamedAbsolute() {
        Path relative = Path.of("no-such-dir-kvmboot", "bzImage");

        assertMessage(relative, relative.toAbsolutePath() + " does not exist");
    }

    @Test
    void aDanglingSymlink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("vmlinuz"), Path.of("vmlinuz-gone"));

        assertMessage(link, "kernel image " + link + " is a dangling symbolic link to vmlinuz-gone");
    }

    private Path kernelTree() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("linux"));
        Files.writeString(tree.resolve("Makefile"), "VERSION = 6\n");
        Files.createDirectories(tree.resolve("arch/x86/boot"));
        return tree;
    }

    private static void assertMessage(Path setting, String expectedPart) {
        KernelDiscoveryException e = assertThrows(KernelDiscoveryException.class,
                () -> KernelLocator.resolveKernel(setting));
        if (!e.getMessage().contains(expectedPart)) {
            throw new AssertionError("message lacks <" + expectedPart + ">: " + e.getMessage());
        }
    }
}
