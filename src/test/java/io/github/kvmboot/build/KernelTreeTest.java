package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTreeTest {

    @TempDir
    Path dir;

    @Test
    void aCleanTreeIsUsableInTreeAndWithO() throws Exception {
        Path src = FakeKernelTree.create(dir.resolve("linux"));
        assertEquals(Optional.empty(), KernelTree.check(src, src));
        assertEquals(Optional.empty(), KernelTree.check(src, dir.resolve("out")));
        assertEquals(dir.resolve("out/arch/x86/boot/bzImage"), new KernelTree(src, dir.resolve("out")).bzImage());
    }

    @Test
    void aDirectoryWithoutTheKernelMakefileIsRejected() throws Exception {
        Path src = Files.createDirectories(dir.resolve("project"));
        Files.writeString(src.resolve("Makefile"), "all:\n\techo hi\n");
        Files.writeString(src.resolve("Kconfig"), "");
        KernelTree.Problem problem = KernelTree.check(src, src).orElseThrow();
        assertFalse(problem.aboutBuildDir());
        assertTrue(problem.problem().contains("VERSION ="), problem.problem());
    }

    @Test
    void aTreeWithoutKconfigIsRejected() throws Exception {
        Path src = FakeKernelTree.create(dir.resolve("linux"));
        Files.delete(src.resolve("Kconfig"));
        assertTrue(KernelTree.check(src, src).isPresent());
    }

    @Test
    void aMissingDirectoryIsRejected() {
        assertTrue(KernelTree.check(dir.resolve("nope"), dir.resolve("nope")).orElseThrow().problem().contains("no directory"));
    }

    @Test
    void anInTreeConfiguredTreeWithOGetsTheMrproperHint() throws Exception {
        Path src = FakeKernelTree.create(dir.resolve("linux"));
        Files.writeString(src.resolve(".config"), "CONFIG_64BIT=y\n");
        assertEquals(Optional.empty(), KernelTree.check(src, src), "in-tree builds of a configured tree are fine");
        KernelTree.Problem problem = KernelTree.check(src, dir.resolve("out")).orElseThrow();
        assertTrue(problem.aboutBuildDir());
        assertTrue(problem.fix().contains("make mrproper"), problem.fix());
    }

    @Test
    void includeConfigAloneAlsoCountsAsConfigured() throws Exception {
        Path src = FakeKernelTree.create(dir.resolve("linux"));
        Files.createDirectories(src.resolve("include/config"));
        assertTrue(KernelTree.check(src, dir.resolve("out")).orElseThrow().fix().contains("make mrproper"));
    }
}
