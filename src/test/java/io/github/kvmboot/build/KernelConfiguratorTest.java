package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.testing.TestGuests;

/**
 * Real kconfig runs on Debian's linux-source-6.1 (shared, read-only: every test builds out of tree
 * with O= in its own directory). Config only, no compiling: ~15-30 s each.
 */
class KernelConfiguratorTest {

    @TempDir
    Path dir;

    private KbuildOptions options(Map<String, String> cli) throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"),
                Runtime.getRuntime().availableProcessors(), System.getenv(), false, dir.resolve("cache"));
        Map<String, String> settings = new java.util.HashMap<>(cli);
        settings.put("kvmboot.kernelTree", TestGuests.linuxSource().toString());
        settings.put("kvmboot.buildDir", dir.resolve("out").toString());
        return KbuildOptions.from(new SettingsResolver(Map.of(), settings, Map.of(), Map.of()).resolve(), host);
    }

    /**
     * Issue 13: kernel-config for arm64 and riscv64 (ARCH and Debian's cross compiler from kvmboot.arch)
     * writes exactly the .config of the cached cross-built test kernels, which boot on the virt board
     * in ForeignArchitectureTest; so what kvmboot:build then makes of it is that kernel (a full
     * cross build here would add 10-15 min to the suite).
     */
    @Test
    void foreignArchitecturesGetTheirVirtFragmentAndTheConfigurationOfTheBootedTestKernels() throws Exception {
        for (String arch : List.of("arm64", "riscv64")) {
            Path out = dir.resolve("out-" + arch);
            HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot-" + arch), dir.resolve("home"),
                    Runtime.getRuntime().availableProcessors(), System.getenv(), false, dir.resolve("cache"));
            KbuildOptions options = KbuildOptions.from(new SettingsResolver(Map.of(), Map.of("kvmboot.arch", arch,
                    "kvmboot.kernelTree", TestGuests.linuxSource().toString(), "kvmboot.buildDir", out.toString()),
                    Map.of(), Map.of()).resolve(), host);
            new KernelConfigurator(new CollectingLog()).configure(options);
            Path booted = (arch.equals("arm64") ? TestGuests.arm64BuiltKernel() : TestGuests.riscv64Kernel())
                    .resolveSibling("build").resolve(".config");
            assertEquals(Files.readAllLines(booted), Files.readAllLines(options.tree().dotConfig()),
                    arch + ": kernel-config's .config differs from the booted test kernel's " + booted);
            assertTrue(Files.exists(dir.resolve("target/kvmboot-" + arch).resolve("kvmboot-qemu-" + arch + ".config")));
        }
    }

    /**
     * kvmboot.llvm: Kconfig itself runs the compiler and linker make LLVM=1 names (clang, ld.lld), so
     * the .config says which toolchain it was made for; every option of the arm64 fragment survives.
     */
    @Test
    void llvmConfiguresTheArm64FragmentForClangAndLld() throws Exception {
        Path out = dir.resolve("out-llvm");
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot-llvm"), dir.resolve("home"),
                Runtime.getRuntime().availableProcessors(), System.getenv(), false, dir.resolve("cache"));
        KbuildOptions options = KbuildOptions.from(new SettingsResolver(Map.of(), Map.of("kvmboot.arch", "arm64",
                "kvmboot.llvm", "true", "kvmboot.kernelTree", TestGuests.linuxSource().toString(),
                "kvmboot.buildDir", out.toString()), Map.of(), Map.of()).resolve(), host);
        new KernelConfigurator(new CollectingLog()).configure(options);
        Map<String, String> config = ConfigFile.read(options.tree().dotConfig());
        assertEquals("y", config.get("CONFIG_CC_IS_CLANG"), "configured for clang");
        assertEquals("y", config.get("CONFIG_LD_IS_LLD"), "configured for ld.lld");
        assertEquals("y", config.get("CONFIG_ARM64"));
        Map<String, String> fragment = ConfigFile.read(dir.resolve("target/kvmboot-llvm/kvmboot-qemu-arm64.config"));
        List<String> lost = new ArrayList<>();
        fragment.forEach((symbol, value) -> {
            if (!value.equals(config.get(symbol))) {
                lost.add(symbol + "=" + value + " became " + config.get(symbol));
            }
        });
        assertEquals(List.of(), lost);
    }

    @Test
    void tinyconfigPlusTheQemuFragmentKeepsEveryQemuOptionAndARerunChangesNothing() throws Exception {
        KbuildOptions options = options(Map.of());
        new KernelConfigurator(new CollectingLog()).configure(options);

        Map<String, String> config = ConfigFile.read(options.tree().dotConfig());
        Map<String, String> qemu;
        try (InputStream in = KernelConfigurator.class.getResourceAsStream(KernelConfigurator.QEMU_FRAGMENT)) {
            qemu = ConfigFile.parse(new String(in.readAllBytes()));
        }
        assertTrue(qemu.size() > 30, "the fragment is read");
        List<String> lost = new ArrayList<>();
        qemu.forEach((symbol, value) -> {
            if (!value.equals(config.get(symbol))) {
                lost.add(symbol + "=" + value + " became " + config.get(symbol));
            }
        });
        assertEquals(List.of(), lost);
        assertEquals("y", config.get("CONFIG_EMBEDDED"), "started from tinyconfig");

        FileTime written = Files.getLastModifiedTime(options.tree().dotConfig());
        Files.setLastModifiedTime(options.tree().dotConfig(), FileTime.fromMillis(written.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(options.tree().dotConfig());
        CollectingLog second = new CollectingLog();
        new KernelConfigurator(second).configure(options);
        assertTrue(second.text().contains("starting from " + options.tree().dotConfig()), second.text());
        assertTrue(second.text().contains("configuration unchanged"), second.text());
        assertEquals(aged, Files.getLastModifiedTime(options.tree().dotConfig()),
                "an unchanged configuration keeps its timestamp (no needless rebuilds)");
        assertFalse(Files.exists(TestGuests.linuxSource().resolve(".config")), "the shared source stays clean");
    }

    /**
     * Issue 11: with kvmboot.suspend set, kernel-config also merges the suspend fragment, so the
     * kernel it configures offers mem and disk in /sys/power/state; without it, tinyconfig has neither.
     */
    @Test
    void kvmbootSuspendMergesTheSuspendFragment() throws Exception {
        KbuildOptions options = options(Map.of("kvmboot.suspend", "disk"));
        assertTrue(options.suspendSupport());
        String log = configure(options);
        assertTrue(log.contains("kvmboot-" + KernelConfigurator.SUSPEND_FRAGMENT), log);
        Map<String, String> config = ConfigFile.read(options.tree().dotConfig());
        for (String option : List.of("CONFIG_SUSPEND", "CONFIG_HIBERNATION", "CONFIG_SWAP", "CONFIG_VIRTIO_BLK")) {
            assertEquals("y", config.get(option), option);
        }
        assertFalse(options(Map.of()).suspendSupport());
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.github.kvmboot.config.SettingException.class,
                () -> options(Map.of("kvmboot.suspend", "mem", "kvmboot.arch", "arm64")));
        assertTrue(e.getMessage().contains("kvmboot.suspend"), e.getMessage());
    }

    /**
     * Issue 15: in the edit-build-boot loop nothing kconfig reads changes, so a rerun skips
     * merge_config.sh and olddefconfig; a changed fragment or a hand-edited .config runs them again.
     */
    @Test
    void aRerunWithUnchangedInputsSkipsMergeConfigAndOlddefconfig() throws Exception {
        Path fragment = dir.resolve("mine.config");
        Files.writeString(fragment, "CONFIG_PRINTK=y\n");
        KbuildOptions options = options(Map.of("kvmboot.configFragments", fragment.toString()));
        Path dotConfig = options.tree().dotConfig();
        new KernelConfigurator(new CollectingLog()).configure(options);
        assertTrue(Files.exists(options.tree().output().resolve("include/config/auto.conf.cmd")),
                "kconfig listed the Kconfig files it read");
        // what the build's make does first: its syncconfig must not make the next run redo kconfig
        Process sync = new ProcessBuilder(options.make().argv("syncconfig")).redirectErrorStream(true)
                .redirectOutput(dir.resolve("syncconfig.log").toFile()).start();
        assertEquals(0, sync.waitFor(), Files.readString(dir.resolve("syncconfig.log")));
        FileTime kept = Files.getLastModifiedTime(dotConfig);
        String skipped = configure(options);
        assertTrue(skipped.contains("configuration unchanged: " + dotConfig) && skipped.contains("olddefconfig skipped"), skipped);
        assertFalse(skipped.contains("merging"), skipped);
        assertEquals(kept, Files.getLastModifiedTime(dotConfig));

        Files.writeString(fragment, "CONFIG_PRINTK=y\nCONFIG_BUG=y\n");
        assertTrue(configure(options).contains("kvmboot: merging "), "a changed fragment is merged");
        assertEquals("y", ConfigFile.read(dotConfig).get("CONFIG_BUG"));
        assertTrue(configure(options).contains("olddefconfig skipped"));

        Files.writeString(dotConfig, Files.readString(dotConfig).replace("CONFIG_PRINTK=y\n", "# CONFIG_PRINTK is not set\n"));
        assertTrue(configure(options).contains("kvmboot: merging "), "a hand-edited .config goes through kconfig");
        assertEquals("y", ConfigFile.read(dotConfig).get("CONFIG_PRINTK"), "and the fragment wins again");
    }

    private static String configure(KbuildOptions options) throws Exception {
        CollectingLog log = new CollectingLog();
        new KernelConfigurator(log).configure(options);
        return log.text();
    }

    @Test
    void optionsThatCannotBeSatisfiedAreListedWithTheirDependencies() throws Exception {
        Path fragment = dir.resolve("mine.config");
        Files.writeString(fragment, "# CONFIG_PCI is not set\nCONFIG_E1000=y\nCONFIG_KVMBOOT_NO_SUCH_OPTION=y\nCONFIG_PRINTK=y\n");
        KbuildOptions options = options(Map.of("kvmboot.configFragments", fragment.toString()));
        KernelBuildException e = assertThrows(KernelBuildException.class,
                () -> new KernelConfigurator(new CollectingLog()).configure(options));
        String message = e.getMessage();
        // the user's "# CONFIG_PCI is not set" wins over kvmboot's fragment, so PCI devices go too
        assertTrue(message.startsWith("kernel-config: "), message);
        String list = message.lines().findFirst().orElseThrow();
        assertTrue(list.contains(" requested options did not survive make olddefconfig: "), list);
        assertTrue(list.contains("CONFIG_E1000") && list.contains("CONFIG_KVMBOOT_NO_SUCH_OPTION")
                && list.contains("CONFIG_VIRTIO_PCI"), list);
        assertTrue(message.contains("CONFIG_VIRTIO_PCI=y (from " + options.outputDirectory().resolve("kvmboot-qemu.config")
                + ") is not set\n      defined in drivers/virtio/Kconfig\n      depends on PCI"), message);
        assertTrue(message.contains("CONFIG_E1000=y (from " + fragment + ") is not set"), message);
        assertTrue(message.contains("defined in drivers/net/ethernet/intel/Kconfig"), message);
        assertTrue(message.contains("depends on PCI"), message);
        assertTrue(message.contains("CONFIG_KVMBOOT_NO_SUCH_OPTION=y (from " + fragment + ") is not set: no Kconfig"), message);
        assertFalse(message.contains("CONFIG_PRINTK"), message);
    }
}
