package io.github.kvmboot.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/guest/install-next-kernel.sh run by bash on a fake /boot and /lib/modules. */
class InstallNextKernelScriptTest {

    private static final Path SCRIPT = Path.of("examples/guest/install-next-kernel.sh");
    private static final String DISTRO = "6.1.0-17-amd64";
    private static final String DISTRO_CLOUD = "6.1.0-18-cloud-amd64";
    private static final String NEXT_2016 = "4.9.0-rc5-next-20161117-1-default+";
    private static final String NEXT_JAN_04 = "6.7.0-rc8-next-20240104";
    private static final String NEXT_JAN_25 = "6.8.0-rc1-next-20240125";
    private static final String NEXT_FEB_01 = "6.8.0-rc2-next-20240201";
    private static final String NEXT_FEB_01_DIRTY = "6.8.0-rc2-next-20240201-dirty";

    @TempDir
    Path dir;
    private Path boot;
    private Path modules;

    @BeforeEach
    void fakeKernels() throws IOException {
        boot = Files.createDirectories(dir.resolve("boot dir"));
        modules = Files.createDirectories(dir.resolve("lib/modules"));
        for (String release : List.of(DISTRO, DISTRO_CLOUD, NEXT_JAN_04, NEXT_JAN_25, NEXT_FEB_01, NEXT_FEB_01_DIRTY)) {
            for (String prefix : List.of("vmlinuz-", "initrd.img-", "System.map-", "config-")) {
                Files.writeString(boot.resolve(prefix + release), release);
            }
            Files.createDirectories(modules.resolve(release).resolve("kernel/fs"));
            Files.writeString(modules.resolve(release).resolve("modules.dep"), "");
        }
        // the seed's own naming (SUSE): initrd-<release>, no modules directory
        Files.writeString(boot.resolve("vmlinuz-" + NEXT_2016), "old");
        Files.writeString(boot.resolve("initrd-" + NEXT_2016), "old");
        Files.createDirectories(boot.resolve("grub"));
        Files.writeString(boot.resolve("grub/grub.cfg"), "");
    }

    private record Run(int exit, String output) { }

    private Run run(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--boot-dir", boot.toString(),
                "--modules-dir", modules.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private Set<String> remaining() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> !Files.isDirectory(p) || p.getParent().equals(modules))
                    .map(p -> dir.relativize(p).toString()).forEach(names::add);
        }
        return names;
    }

    private static Set<String> kernel(String release) {
        return Set.of("boot dir/vmlinuz-" + release, "boot dir/initrd.img-" + release, "boot dir/System.map-" + release,
                "boot dir/config-" + release, "lib/modules/" + release, "lib/modules/" + release + "/modules.dep");
    }

    @Test
    void keepsTheDistributionKernelsTheNewestNextOnesAndTheRunningOne() throws Exception {
        Run run = run("--keep", "2", "--running", NEXT_JAN_04);
        assertEquals(0, run.exit(), run.output());

        Set<String> expected = new TreeSet<>(Set.of("boot dir/grub/grub.cfg"));
        for (String kept : List.of(DISTRO, DISTRO_CLOUD, NEXT_FEB_01_DIRTY, NEXT_FEB_01, NEXT_JAN_04)) {
            expected.addAll(kernel(kept));
        }
        assertEquals(expected, remaining(), run.output());
        assertTrue(run.output().contains("keeping " + NEXT_JAN_04 + " (running)"), run.output());
        assertTrue(run.output().contains("removing " + boot.resolve("initrd-" + NEXT_2016)), run.output());
        assertTrue(run.output().contains("removing " + modules.resolve(NEXT_JAN_25)), run.output());
    }

    @Test
    void keepOneKeepsOnlyTheNewestNextKernelAndNeverADistributionOne() throws Exception {
        Run run = run("--keep", "1", "--running", "6.1.0-17-amd64");
        assertEquals(0, run.exit(), run.output());

        Set<String> expected = new TreeSet<>(Set.of("boot dir/grub/grub.cfg"));
        for (String kept : List.of(DISTRO, DISTRO_CLOUD, NEXT_FEB_01_DIRTY)) {
            expected.addAll(kernel(kept));
        }
        assertEquals(expected, remaining(), run.output());
    }

    @Test
    void dryRunRemovesNothingAndSaysWhatItWouldRemove() throws Exception {
        Set<String> before = remaining();
        Run run = run("--keep", "1", "--dry-run", "--running", DISTRO);
        assertEquals(0, run.exit(), run.output());
        assertEquals(before, remaining());
        assertTrue(run.output().contains("would remove " + boot.resolve("vmlinuz-" + NEXT_JAN_25)), run.output());
        assertTrue(run.output().contains("would remove " + modules.resolve(NEXT_FEB_01)), run.output());
        assertTrue(!run.output().contains("would remove " + boot.resolve("vmlinuz-" + DISTRO)), run.output());
    }

    @Test
    void aBadKeepCountChangesNothing() throws Exception {
        Set<String> before = remaining();
        Run run = run("--keep", "two");
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().contains("--keep needs a whole number, not 'two'"), run.output());
        assertEquals(before, remaining());
    }
}
