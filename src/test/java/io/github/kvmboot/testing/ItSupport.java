package io.github.kvmboot.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers for the invoker ITs' setup.groovy and verify.groovy scripts (they get the test class
 * path). Kept in Java so the scripts stay two lines long and the checks are the same everywhere.
 */
public final class ItSupport {

    private ItSupport() {
    }

    /** Points the fixtures at the build's cache and scripts (script variables testCache/testScripts). */
    public static void configure(String testCache, String testScripts) {
        System.setProperty("kvmboot.test.cache", testCache);
        System.setProperty("kvmboot.test.scripts", testScripts);
    }

    /** Links the test kernel as {@code bzImage} and the given initramfs as {@code initrd.cpio.gz} in the IT dir. */
    public static void linkGuest(File basedir, Path initramfs) throws IOException, InterruptedException {
        link(basedir.toPath().resolve("bzImage"), TestGuests.kernel());
        link(basedir.toPath().resolve("initrd.cpio.gz"), initramfs);
    }

    /**
     * Links the test kernel as {@code bzImage} and its modules (virtio_net for user-mode networking
     * with the exec initramfs) as {@code guest-modules}: the guest of the start/stop ITs.
     */
    public static void linkStartGuest(File basedir) throws IOException, InterruptedException {
        link(basedir.toPath().resolve("bzImage"), TestGuests.kernel());
        link(basedir.toPath().resolve("guest-modules"), TestGuests.modulesDir());
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    public static String read(File file) throws IOException {
        return Files.readString(file.toPath(), StandardCharsets.UTF_8);
    }

    /** Fails unless the text contains every fragment. */
    public static void assertContains(String what, String text, String... fragments) {
        for (String fragment : fragments) {
            if (!text.contains(fragment)) {
                throw new AssertionError(what + " lacks '" + fragment + "'");
            }
        }
    }

    public static void assertNotContains(String what, String text, String... fragments) {
        for (String fragment : fragments) {
            if (text.contains(fragment)) {
                throw new AssertionError(what + " unexpectedly contains '" + fragment + "'");
            }
        }
    }

    /**
     * Asserts the QEMU the run started (pid in result.json) is gone, and that no process on the
     * machine still runs with this IT's output directory in its command line.
     */
    public static void assertNoQemuLeft(File outputDirectory) throws IOException {
        File result = new File(outputDirectory, "result.json");
        if (!result.isFile()) {
            throw new AssertionError("no " + result + ": the supervisor did not record its QEMU");
        }
        Matcher pid = Pattern.compile("\"qemuPid\"\\s*:\\s*(\\d+)").matcher(read(result));
        if (!pid.find()) {
            throw new AssertionError(result + " names no qemuPid");
        }
        if (Files.exists(Path.of("/proc", pid.group(1)))) {
            throw new AssertionError("QEMU pid " + pid.group(1) + " is still running after the build");
        }
        String marker = outputDirectory.getAbsolutePath();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (!dir.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.startsWith("qemu-system") || cmdline.contains("/qemu-system")) {
                        if (cmdline.contains(marker)) {
                            throw new AssertionError("QEMU pid " + dir.getFileName() + " still runs for " + marker);
                        }
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
    }
}
