package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;

class KbuildOptionsTest {

    @TempDir
    Path dir;

    private KbuildOptions options(Map<String, String> cli, Map<String, String> env) throws Exception {
        return options(cli, env, System.getenv("PATH"));
    }

    private KbuildOptions options(Map<String, String> cli, Map<String, String> env, String path) throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"), 3,
                Map.of("PATH", path), false, dir.resolve("cache"));
        return KbuildOptions.from(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), host);
    }

    @Test
    void defaultsAreTheProjectDirectoryInTreeTinyconfigAndHostCores() throws Exception {
        FakeKernelTree.create(dir);
        KbuildOptions options = options(Map.of(), Map.of());
        assertEquals(new KernelTree(dir, dir), options.tree());
        assertEquals(BaseConfig.TINYCONFIG, options.baseConfig());
        assertEquals(List.of("-C", dir.toString(), "-j3", "bzImage"), options.make().argv("bzImage").subList(1, 5));
    }

    @Test
    void settingsBecomeMakeVariables() throws Exception {
        Path src = FakeKernelTree.create(dir.resolve("linux"));
        Files.writeString(dir.resolve("mine.config"), "CONFIG_X=y\n");
        KbuildOptions options = options(Map.of("kvmboot.kernelTree", "linux", "kvmboot.buildDir", "out",
                "kvmboot.jobs", "5", "kvmboot.arch", "x86_64", "kvmboot.llvm", "true",
                "kvmboot.baseConfig", "kvm_guest", "kvmboot.configFragments", "mine.config, "),
                Map.of("KVM_BOOT_CROSS_COMPILE", "x86_64-linux-gnu-", "KVM_BOOT_BUILD_MODULES", "yes"));
        assertEquals(List.of("-C", src.toString(), "O=" + dir.resolve("out"), "ARCH=x86_64",
                "CROSS_COMPILE=x86_64-linux-gnu-", "LLVM=1", "-j5"), options.make().argv().subList(1, 8));
        assertEquals(BaseConfig.KVM_GUEST, options.baseConfig());
        assertEquals(List.of(dir.resolve("mine.config")), options.fragments());
        assertTrue(options.modules());
    }

    /** Issue 13: a foreign architecture gets make's ARCH name and, without one given, Debian's cross compiler. */
    @Test
    void arm64AndRiscv64BuildWithDebiansCrossCompilersAndTheirOwnImage() throws Exception {
        FakeKernelTree.create(dir);
        KbuildOptions arm64 = options(Map.of("kvmboot.arch", "aarch64"), Map.of());
        assertTrue(arm64.make().argv().containsAll(List.of("ARCH=arm64", "CROSS_COMPILE=aarch64-linux-gnu-")),
                arm64.make().argv().toString());
        assertEquals(dir.resolve("arch/arm64/boot/Image"), arm64.image());
        KbuildOptions riscv = options(Map.of("kvmboot.arch", "riscv64"), Map.of());
        assertTrue(riscv.make().argv().containsAll(List.of("ARCH=riscv", "CROSS_COMPILE=riscv64-linux-gnu-")),
                riscv.make().argv().toString());
        assertEquals(dir.resolve("arch/riscv/boot/Image"), riscv.image());
        assertEquals(dir.resolve("arch/x86/boot/bzImage"), options(Map.of(), Map.of()).image());
    }

    @Test
    void aCrossCompilePrefixWithoutItsGccNamesThePackage() throws Exception {
        FakeKernelTree.create(dir);
        SettingException e = assertThrows(SettingException.class, () -> options(Map.of("kvmboot.arch", "arm64",
                "kvmboot.crossCompile", "mips64-linux-gnuabi64-"), Map.of()));
        assertEquals(Setting.CROSS_COMPILE, e.setting());
        assertTrue(e.getMessage().contains("mips64-linux-gnuabi64-gcc, which is not on PATH")
                && e.getMessage().contains("apt-get install gcc-mips64-linux-gnuabi64"), e.getMessage());
    }

    /** A PATH with make but without the LLVM toolchain: the missing tools and their packages are named. */
    @Test
    void llvmWithoutClangOnPathNamesTheToolsAndPackages() throws Exception {
        FakeKernelTree.create(dir);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("make"), Path.of("/usr/bin/make"));
        SettingException e = assertThrows(SettingException.class, () -> options(Map.of("kvmboot.arch", "arm64",
                "kvmboot.llvm", "true"), Map.of(), bin.toString()));
        assertEquals(Setting.LLVM, e.setting());
        assertTrue(e.getMessage().startsWith("kvmboot.llvm = 'true' (from -Dkvmboot.llvm"), e.getMessage());
        assertTrue(e.getMessage().contains("needs clang, ld.lld, llvm-ar on PATH for make LLVM=1")
                && e.getMessage().contains("apt-get install clang lld llvm"), e.getMessage());
        List<String> argv = options(Map.of("kvmboot.arch", "arm64", "kvmboot.llvm", "true"), Map.of()).make().argv();
        assertTrue(argv.containsAll(List.of("ARCH=arm64", "LLVM=1")) && argv.stream().noneMatch(a -> a.startsWith("CROSS_COMPILE")),
                "with the toolchain on PATH: LLVM=1 and no gcc prefix: " + argv);
    }

    @Test
    void aConfiguredTreeWithBuildDirNamesBuildDirAndMrproper() throws Exception {
        FakeKernelTree.create(dir);
        Files.writeString(dir.resolve(".config"), "");
        SettingException e = assertThrows(SettingException.class,
                () -> options(Map.of("kvmboot.buildDir", "/tmp/kbuild-out"), Map.of()));
        assertEquals(Setting.BUILD_DIR, e.setting());
        assertTrue(e.getMessage().startsWith("kvmboot.buildDir = '/tmp/kbuild-out' (from -Dkvmboot.buildDir"), e.getMessage());
        assertTrue(e.getMessage().contains("make mrproper"), e.getMessage());
    }

    @Test
    void aNonKernelDirectoryNamesKernelTree() {
        SettingException e = assertThrows(SettingException.class, () -> options(Map.of(), Map.of("KVM_BOOT_KERNEL_TREE", "elsewhere")));
        assertEquals(Setting.KERNEL_TREE, e.setting());
        assertTrue(e.getMessage().contains("KVM_BOOT_KERNEL_TREE"), e.getMessage());
    }

    @Test
    void badArchJobsBaseConfigAndFragmentsAreSettingErrors() throws Exception {
        FakeKernelTree.create(dir);
        SettingException unknown = assertThrows(SettingException.class,
                () -> options(Map.of("kvmboot.arch", "sparc64"), Map.of()));
        assertEquals(Setting.ARCH, unknown.setting());
        assertTrue(unknown.getMessage().contains("x86_64, arm64, riscv64"), unknown.getMessage());
        assertEquals(Setting.JOBS, assertThrows(SettingException.class,
                () -> options(Map.of("kvmboot.jobs", "0"), Map.of())).setting());
        assertEquals(Setting.BASE_CONFIG, assertThrows(SettingException.class,
                () -> options(Map.of("kvmboot.baseConfig", "allyesconfig"), Map.of())).setting());
        SettingException missing = assertThrows(SettingException.class,
                () -> options(Map.of("kvmboot.configFragments", "no-such.config"), Map.of()));
        assertEquals(Setting.CONFIG_FRAGMENTS, missing.setting());
        assertTrue(missing.getMessage().contains(dir.resolve("no-such.config").toString()), missing.getMessage());
    }
}
