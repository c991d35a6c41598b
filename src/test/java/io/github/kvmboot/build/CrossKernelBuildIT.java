package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.kvmboot.initramfs.InitramfsBuilder;
import io.github.kvmboot.testing.InstalledPluginMaven;
import io.github.kvmboot.testing.ItSupport;
import io.github.kvmboot.testing.TestGuests;

/**
 * The wrapper pom's loop for a foreign architecture, as a user runs it:
 * {@code mvn verify -Dkvmboot.arch=arm64 -Dkvmboot.crossCompile=aarch64-linux-gnu-} configures
 * (tinyconfig + the architecture's QEMU fragment), builds with the cross compiler and boots the
 * published {@code Image} on the virt board to a marker its init prints. The build directory is a
 * copy of the cached cross test kernel's (an {@code O=} build of the cached linux-source), so make
 * finds it up to date: the suite proves the goals' ARCH, CROSS_COMPILE, image path and boot without
 * paying a 10-15 min cross build per run; the clean build is what build-cross-test-kernel.sh did.
 */
class CrossKernelBuildIT {

    private static final Pattern BUILT = Pattern.compile("kvmboot: built (\\S+) in ([\\d.]+) s \\(CC (\\d+)");

    private Path work;

    @BeforeEach
    void workDirectory() throws IOException {
        work = Files.createTempDirectory(Files.createDirectories(TestGuests.cacheDir()), "cross-build-it-");
    }

    @AfterEach
    void removeWorkDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest
    @CsvSource({"arm64, aarch64-linux-gnu-, arm64, qemu-system-aarch64",
            "riscv64, riscv64-linux-gnu-, riscv, qemu-system-riscv64"})
    void wrapperPomConfiguresBuildsAndBootsTheCrossKernel(String arch, String cross, String kernelArch, String qemu)
            throws Exception {
        Path cachedImage = "arm64".equals(arch) ? TestGuests.arm64BuiltKernel() : TestGuests.riscv64Kernel();
        Path build = work.resolve("build");
        InstalledPluginMaven.run(List.of("cp", "-a", cachedImage.resolveSibling("build").toString(), build.toString()), work,
                work.resolve("cp.log"), 5);
        String marker = "arm64".equals(arch) ? "KVMBOOT-CROSS-arm64-BOOTED" : "kvmboot-riscv64-init: up";
        Path initrd = initramfs(arch, marker);
        Path project = Files.createDirectories(work.resolve("wrapper"));
        Files.writeString(project.resolve("pom.xml"), Files.readString(Path.of("examples/kernel-wrapper/pom.xml")));

        String output = maven(project, List.of("verify", "-Dkvmboot.arch=" + arch, "-Dkvmboot.crossCompile=" + cross,
                "-Dkvmboot.kernelTree=" + TestGuests.linuxSource(), "-Dkvmboot.buildDir=" + build,
                "-Dkvmboot.initrd=" + initrd, "-Dkvmboot.expect=" + marker, "-Dkvmboot.memory=256",
                "-Dkvmboot.network=none"), work.resolve("mvn.log"));

        assertTrue(output.contains("configuration unchanged"),
                "kernel-config with the " + arch + " fragment reproduced the cached kernel's .config");
        assertTrue(output.contains("ARCH=" + kernelArch) && output.contains("CROSS_COMPILE=" + cross),
                "make ran for the foreign architecture");
        Matcher built = BUILT.matcher(output);
        assertTrue(built.find(), "no 'kvmboot: built' line in the output");
        Path image = build.resolve("arch/" + kernelArch + "/boot/Image");
        assertEquals(image.toString(), built.group(1), "build published the architecture's Image");
        System.out.printf("CrossKernelBuildIT: %s make of the up-to-date tree %s s (CC %s)%n", arch, built.group(2),
                built.group(3));
        assertTrue(output.contains(qemu) && output.contains("-kernel " + image), "boot used that Image on " + qemu);
        Path out = project.resolve(".kvmboot-target/kvmboot");
        assertTrue(Files.readString(out.resolve("console.log")).contains(marker));
        assertTrue(Files.readString(out.resolve("result.json")).contains("EXPECT_MATCHED"));
        ItSupport.assertNoQemuLeft(out.toFile());
    }

    /** arm64: Debian's busybox-static:arm64 as a shell init; riscv64 has none, so the tiny static init. */
    private Path initramfs(String arch, String marker) throws Exception {
        Path initrd = work.resolve("init.cpio.gz");
        InitramfsBuilder image = new InitramfsBuilder().directory("dev").directory("proc");
        if ("arm64".equals(arch)) {
            image.directory("bin").file("bin/busybox", TestGuests.arm64Busybox(), 0755)
                    .file("init", "#!/bin/busybox sh\n/bin/busybox echo " + marker + "\n/bin/busybox poweroff -f\n", 0755);
        } else {
            image.file("init", TestGuests.riscv64Init(), 0755);
        }
        image.writeGzip(initrd);
        return initrd;
    }

    private String maven(Path dir, List<String> args, Path log) throws Exception {
        List<String> command = InstalledPluginMaven.command(work);
        command.addAll(args);
        int exit = InstalledPluginMaven.run(command, dir, log, 20);
        String output = Files.readString(log);
        assertEquals(0, exit, "mvn " + args + " failed; its output:\n" + output);
        return output;
    }
}
