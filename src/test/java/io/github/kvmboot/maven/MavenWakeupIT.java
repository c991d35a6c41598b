package io.github.kvmboot.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.InstalledPluginMaven;
import io.github.kvmboot.testing.TestGuests;

/**
 * Issue 11, as a user does it: one Maven boots a guest whose command suspends it to RAM (nobody
 * wakes it automatically), a second Maven in the same directory runs kvmboot:wakeup, and the first
 * one's guest resumes, finishes its command and the build passes.
 */
class MavenWakeupIT {

    @TempDir
    Path workDir;

    @Test
    void aSecondMavensWakeupResumesTheGuestOfTheFirst() throws Exception {
        Path out = workDir.resolve("out");
        Process booting = maven("boot", "-Dkernel=" + TestGuests.kernel(), "-Dkvmboot.accel=tcg", "-Dkvmboot.network=none",
                "-Dkvmboot.memory=256", "-Dkvmboot.timeout=300", "-Dkvmboot.outputDirectory=" + out,
                "-Dkvmboot.exec=echo mem > /sys/power/state && echo woke-and-back");
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> suspended = CompletableFuture.supplyAsync(
                () -> MavenSignalIT.waitFor(booting, output, "kvmboot:wakeup"));
        try {
            if (!suspended.get(300, TimeUnit.SECONDS)) {
                fail("the first Maven never said how to wake its suspended guest:\n" + output);
            }
            Process waking = maven("wakeup", "-Dkvmboot.outputDirectory=" + out);
            String said = new String(waking.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(waking.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, waking.exitValue(), said);
            assertTrue(said.contains("woke up"), said);
            assertTrue(booting.waitFor(240, TimeUnit.SECONDS), "the first Maven did not end:\n" + output);
            synchronized (output) {
                assertEquals(0, booting.exitValue(), output.toString());
                assertTrue(output.toString().contains("BUILD SUCCESS"), output.toString());
            }
            assertTrue(Files.readString(out.resolve("console.log")).contains("woke-and-back"));
        } finally {
            booting.destroyForcibly();
        }
    }

    private Process maven(String goal, String... arguments) throws Exception {
        List<String> command = InstalledPluginMaven.command(workDir);
        command.add("io.github.kvmboot:kvmboot-maven-plugin:" + System.getProperty("kvmboot.it.pluginVersion") + ":" + goal);
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    }
}
