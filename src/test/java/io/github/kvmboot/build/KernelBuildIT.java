package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.kvmboot.testing.InstalledPluginMaven;
import io.github.kvmboot.testing.ItSupport;
import io.github.kvmboot.testing.TestGuests;

/**
 * The kernel-tree loop end to end with the real, installed plugin: a copy of Debian's
 * linux-source-6.1 (hard links, so cheap; the cached tree itself is never built in or edited) with
 * examples/kernel-wrapper/pom.xml dropped in, {@code mvn verify} (tinyconfig + kvmboot's fragment,
 * a clean build, a boot to the initramfs' marker), one edited .c file, {@code mvn verify} again.
 * ~4-6 min on 2 cores.
 */
class KernelBuildIT {

    private static final String MARKER = "KVMBOOT-E2E-BOOTED";
    private static final Pattern BUILT = Pattern.compile(
            "kvmboot: built (\\S+) in ([\\d.]+) s \\(CC (\\d+), AS (\\d+), LD (\\d+), AR (\\d+)\\)");

    private Path work;

    @BeforeEach
    void workDirectoryBesideTheCachedSource() throws IOException {
        // hard links need the same file system as the cache
        work = Files.createTempDirectory(Files.createDirectories(TestGuests.cacheDir()), "kbuild-it-");
    }

    @AfterEach
    void removeWorkDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void wrapperPomConfiguresBuildsBootsAndRebuildsOnlyTheEdit() throws Exception {
        Path source = TestGuests.linuxSource();
        Path initrd = TestGuests.printAndPowerOff(MARKER);
        FileTime started = FileTime.fromMillis(System.currentTimeMillis() - 1000);
        Path tree = work.resolve("linux");
        InstalledPluginMaven.run(List.of("cp", "-al", source.toString(), tree.toString()), work, work.resolve("cp.log"), 10);
        String wrapper = Files.readString(Path.of("examples/kernel-wrapper/pom.xml"));
        assertTrue(wrapper.contains("<version>" + System.getProperty("kvmboot.it.pluginVersion") + "</version>"),
                "the example wrapper pom uses this plugin version");
        Files.writeString(tree.resolve("pom.xml"), wrapper);

        List<String> verify = List.of("verify", "-Dkvmboot.initrd=" + initrd, "-Dkvmboot.expect=" + MARKER,
                "-Dkvmboot.accel=tcg", "-Dkvmboot.network=none");
        Path out = tree.resolve(".kvmboot-target/kvmboot");

        String first = maven(tree, verify, work.resolve("mvn-first.log"));
        Matcher clean = built(first);
        assertEquals(tree.resolve("arch/x86/boot/bzImage").toString(), clean.group(1));
        assertTrue(first.contains("no .config in " + tree + ": make tinyconfig"), "started from tinyconfig");
        assertTrue(Integer.parseInt(clean.group(3)) > 300, "a clean build compiles the kernel: " + clean.group());
        assertTrue(first.contains("-kernel " + clean.group(1)), "boot used the bzImage the build published");
        assertTrue(Files.readString(out.resolve("console.log")).contains(MARKER));
        assertTrue(Files.readString(out.resolve("result.json")).contains("EXPECT_MATCHED"));
        ItSupport.assertNoQemuLeft(out.toFile());

        // an edit: a new file replaces the hard link, so the cached source is untouched
        Path edited = tree.resolve("init/version.c");
        String text = Files.readString(edited) + "\n/* kvmboot edit-build-boot test */\n";
        Files.delete(edited);
        Files.writeString(edited, text);

        String second = maven(tree, verify, work.resolve("mvn-second.log"));
        Matcher incremental = built(second);
        assertTrue(second.contains("configuration unchanged"), "the rerun of kernel-config changed nothing");
        int cc = Integer.parseInt(incremental.group(3));
        System.out.printf("KernelBuildIT: clean build %s s (CC %s), after editing init/version.c %s s (CC %d)%n",
                clean.group(2), clean.group(3), incremental.group(2), cc);
        assertTrue(cc >= 1 && cc < 50, "only the edit and what links it is rebuilt: " + incremental.group());
        assertTrue(second.contains("CC      init/version.o") || Files.readString(out.resolve("make.log"))
                .contains("init/version.o"), "the edited file was compiled");
        assertTrue(Files.readString(out.resolve("console.log")).contains(MARKER));
        ItSupport.assertNoQemuLeft(out.toFile());

        assertEquals(List.of(), changedSince(source, started), "nothing was written through the hard links");
    }

    @Test
    void anUnsatisfiableFragmentOptionFailsKernelConfigNamingTheSymbol() throws Exception {
        Path fragment = work.resolve("broken.config");
        Files.writeString(fragment, "CONFIG_KVMBOOT_NO_SUCH_OPTION=y\nCONFIG_PRINTK=y\n");
        String output = maven(work, List.of(
                "io.github.kvmboot:kvmboot-maven-plugin:" + System.getProperty("kvmboot.it.pluginVersion") + ":kernel-config",
                "-Dkvmboot.kernelTree=" + TestGuests.linuxSource(), "-Dkvmboot.buildDir=" + work.resolve("out"),
                "-Dkvmboot.configFragments=" + fragment), work.resolve("mvn.log"), false);
        assertTrue(output.contains("BUILD FAILURE"), output);
        assertTrue(output.contains("kernel-config: 1 requested option did not survive make olddefconfig:"
                + " CONFIG_KVMBOOT_NO_SUCH_OPTION"), output);
        assertTrue(output.contains("CONFIG_KVMBOOT_NO_SUCH_OPTION=y (from " + fragment + ") is not set: no Kconfig"), output);
        assertTrue(!output.contains("\tat io.github.kvmboot"), "no stack trace: " + output);
    }

    private static Matcher built(String output) {
        Matcher m = BUILT.matcher(output);
        assertTrue(m.find(), "no 'kvmboot: built' line in the output");
        return m;
    }

    private String maven(Path dir, List<String> args, Path log) throws Exception {
        return maven(dir, args, log, true);
    }

    private String maven(Path dir, List<String> args, Path log, boolean mustSucceed) throws Exception {
        List<String> command = InstalledPluginMaven.command(work);
        command.addAll(args);
        int exit = InstalledPluginMaven.run(command, dir, log, 40);
        String output = Files.readString(log);
        if (mustSucceed) {
            assertEquals(0, exit, "mvn " + args + " failed; its output:\n" + output);
        } else {
            assertNotEquals(0, exit, "mvn " + args + " should fail; its output:\n" + output);
        }
        return output;
    }

    private static List<Path> changedSince(Path tree, FileTime time) throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            return files.filter(Files::isRegularFile).filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(time) > 0;
                } catch (IOException e) {
                    return false;
                }
            }).limit(20).toList();
        }
    }
}
