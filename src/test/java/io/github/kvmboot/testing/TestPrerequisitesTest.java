package io.github.kvmboot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * src/test/scripts/test-prerequisites.sh: the one message a machine without the test packages
 * gets, and its package list kept in step with what .ci/run installs.
 */
class TestPrerequisitesTest {

    private static final Path SCRIPT = Path.of("src/test/scripts/test-prerequisites.sh");
    /** Packages every Debian system has (Essential: yes), so .ci/run need not install them. */
    private static final Set<String> ESSENTIAL = Set.of("apt", "dpkg", "coreutils", "util-linux");

    @TempDir
    Path dir;

    @Test
    void aMachineWithoutTheToolsGetsOneMessageListingThePackagesAndTheCommandThatInstallsThem() throws Exception {
        Path emptyPath = Files.createDirectory(dir.resolve("bin"));
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", emptyPath.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, process.waitFor(), output);
        List<String> lines = output.lines().toList();
        assertTrue(lines.get(0).startsWith("The tests need what this machine lacks: qemu-system-x86_64 qemu-img"), output);
        Matcher install = Pattern.compile("(?m)^Install \\(Debian/Ubuntu\\): sudo apt-get install -y (.*)$").matcher(output);
        assertTrue(install.find(), output);
        List<String> packages = List.of(install.group(1).split(" "));
        assertTrue(packages.containsAll(List.of("qemu-system-x86", "qemu-utils", "gcc", "make", "xorriso")), output);
        assertEquals(packages.size(), Set.copyOf(packages).size(), "each package once: " + output);
        assertTrue(output.contains("sudo .ci/run"), output);
        assertTrue(lines.size() <= 5, "one short message: " + output);
    }

    @Test
    void thisMachinePassesTheCheckSilently() throws Exception {
        Process process = new ProcessBuilder("/bin/bash", SCRIPT.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "the tests are running, so the machine has what they need: " + output);
        assertEquals("", output);
    }

    @Test
    void everyPackageTheCheckNamesIsOneCiRunInstalls() throws Exception {
        Set<String> checked = new TreeSet<>();
        Matcher need = Pattern.compile("(?m)^need (?:cmd|file)\\s+\\S+\\s+(\\S+)\\s*$")
                .matcher(Files.readString(SCRIPT, StandardCharsets.UTF_8));
        while (need.find()) {
            checked.add(need.group(1));
        }
        assertTrue(checked.size() > 20, "parsed the need lines: " + checked);
        String ciRun = Files.readString(Path.of(".ci/run"), StandardCharsets.UTF_8);
        String packageList = ciRun.substring(ciRun.indexOf("packages=("), ciRun.indexOf("\n)\n"));
        Set<String> installed = new TreeSet<>();
        for (String line : packageList.lines().skip(1).toList()) {
            String code = line.replaceAll("#.*", "").strip();
            installed.addAll(List.of(code.split("\\s+")));
        }
        installed.remove("");
        Set<String> notInstalled = new TreeSet<>(checked);
        notInstalled.removeAll(installed);
        notInstalled.removeAll(ESSENTIAL);
        assertEquals(Set.of(), notInstalled, ".ci/run must install every package the prerequisite check names");
    }
}
