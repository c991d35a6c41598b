package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class MakeCommandTest {

    @Test
    void inTreeWithDefaultsPassesOnlyJobs() {
        KernelTree tree = new KernelTree(Path.of("/src/linux"), Path.of("/src/linux"));
        assertEquals(List.of("make", "-C", "/src/linux", "-j2", "bzImage"),
                new MakeCommand("make", tree, Optional.empty(), Optional.empty(), false, 2).argv("bzImage"));
    }

    @Test
    void everyVariableIsOneArgumentEvenWithSpaces() {
        KernelTree tree = new KernelTree(Path.of("/src/linux"), Path.of("/b/out dir"));
        assertEquals(List.of("/usr/bin/make", "-C", "/src/linux", "O=/b/out dir", "ARCH=x86_64",
                "CROSS_COMPILE=x86_64-linux-gnu-", "LLVM=1", "-j8", "bzImage", "modules"),
                new MakeCommand("/usr/bin/make", tree, Optional.of("x86_64"), Optional.of("x86_64-linux-gnu-"), true, 8)
                        .argv("bzImage", "modules"));
    }

    @Test
    void mergeConfigMergesIntoTheBuildDirectorysConfig() {
        KernelTree tree = new KernelTree(Path.of("/src/linux"), Path.of("/b/out"));
        assertEquals(List.of("/src/linux/scripts/kconfig/merge_config.sh", "-m", "-O", "/b/out", "/b/out/.config",
                "/t/qemu.config", "/p/mine.config"),
                new MakeCommand("make", tree, Optional.empty(), Optional.empty(), false, 1)
                        .mergeConfig(List.of(Path.of("/t/qemu.config"), Path.of("/p/mine.config"))));
    }
}
