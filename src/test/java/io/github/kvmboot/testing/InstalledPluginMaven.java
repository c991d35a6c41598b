package io.github.kvmboot.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Maven run of the plugin the build just installed (failsafe ITs): Maven's own home, the
 * ITs' settings (the user's repository as a remote, the installed plugin in the local one), no
 * stdin, output to a log file.
 */
public final class InstalledPluginMaven {

    private InstalledPluginMaven() {
    }

    /** {@code mvn -B -s <settings> -Dmaven.repo.local=...}; the settings file is written into {@code work}. */
    public static List<String> command(Path work) throws IOException {
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, Files.readString(Path.of(System.getProperty("kvmboot.it.settings")))
                .replace("@localRepositoryUrl@", Path.of(System.getProperty("kvmboot.it.userRepo")).toUri().toString()));
        return new ArrayList<>(List.of(Path.of(System.getProperty("kvmboot.it.mavenHome"), "bin", "mvn").toString(),
                "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + System.getProperty("kvmboot.it.localRepo")));
    }

    /** Runs {@code command} in {@code dir} to its end (killed with its children after {@code minutes}); its exit code. */
    public static int run(List<String> command, Path dir, Path log, int minutes) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(new File("/dev/null")).start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + minutes + " min; output in " + log);
        }
        return p.exitValue();
    }
}
