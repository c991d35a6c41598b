package io.github.kvmboot.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.supervisor.GuestRecord;
import io.github.kvmboot.testing.InstalledPluginMaven;
import io.github.kvmboot.testing.TestGuests;

/**
 * The README's examples/integration-test project, copied as it is and built by a real Maven with
 * the installed plugin and Debian's cloud kernel: its Failsafe IT reads the guest's kernel release
 * through the forwarded port. Built with -Dkvmboot.keepRunning, the guest outlives that Maven (its
 * JVM is gone), answers a kvmboot:qmp of a second Maven, and a third Maven's kvmboot:stop, found by
 * the output directory, stops it and leaves nothing behind.
 */
class ExampleKeepRunningIT {

    @TempDir
    Path workDir;

    @Test
    void theExampleProjectPassesAndKeepRunningLeavesItsGuestForALaterStop() throws Exception {
        Path project = workDir.resolve("integration-test");
        copyTree(Path.of("examples/integration-test"), project);
        Path kernel = TestGuests.kernel(); // <root>/boot/vmlinuz-<release>
        String release = kernel.getFileName().toString().substring("vmlinuz-".length());
        Path root = kernel.getParent().getParent();

        String built = maven(project, "verify", "-Dkernel.root=" + root, "-Dkernel.release=" + release,
                "-Dkvmboot.accel=tcg", "-Dkvmboot.keepRunning");
        assertTrue(built.contains("Tests run: 1, Failures: 0, Errors: 0"), built);
        assertTrue(built.contains("BUILD SUCCESS"), built);
        assertTrue(built.contains("keeps running (kvmboot.keepRunning)"), built);
        assertTrue(built.contains("mvn kvmboot:stop -Dkvmboot.name=web"), built);
        Path guest = project.resolve("target/kvmboot/web");
        long qemuPid = Long.parseLong(Files.readString(guest.resolve("qemu.pid")).trim());
        assertTrue(ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false),
                "QEMU did not outlive the Maven that started it with kvmboot.keepRunning");
        assertTrue(GuestRecord.find(guest).isPresent(), "guest.json missing: later goals cannot find the guest");

        String status = maven(project, "kvmboot:qmp", "-Dkvmboot.name=web", "-Dkvmboot.qmp=query-status");
        assertTrue(status.contains("\"running\""), status);

        String stopped = maven(project, "kvmboot:stop", "-Dkvmboot.name=web");
        assertTrue(stopped.contains("stopped the guest in " + guest), stopped);
        MavenSignalIT.assertGoneWithin(qemuPid, 5_000, "kvmboot:stop", new StringBuilder(stopped));
        assertFalse(Files.exists(GuestRecord.file(guest)), "guest.json left behind");
        String again = maven(project, "kvmboot:stop", "-Dkvmboot.name=web");
        assertTrue(again.contains("no started guest to stop"), again);
    }

    /** Runs Maven to its end in {@code project} (as a user would type the goals); returns its output. */
    private static String maven(Path project, String... goals) throws Exception {
        List<String> command = InstalledPluginMaven.command(project.getParent());
        command.addAll(List.of(goals));
        Process maven = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = maven.getInputStream().readAllBytes();
        assertTrue(maven.waitFor(600, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        System.err.println(text);
        assertEquals(0, maven.exitValue(), "mvn " + String.join(" ", goals) + " failed:\n" + text);
        return text;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
