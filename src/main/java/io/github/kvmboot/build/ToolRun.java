package io.github.kvmboot.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs make or a kbuild script: argument list, no shell, stdin from /dev/null, stdout and stderr
 * merged line by line into a consumer, messages in the C locale (so "error:" is parseable). The
 * process and its children are ended when the caller is interrupted or the JVM exits.
 */
final class ToolRun {

    private ToolRun() {
    }

    static int run(List<String> argv, Path workDir, Consumer<String> lines) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        Thread killer = new Thread(() -> stop(process));
        Runtime.getRuntime().addShutdownHook(killer);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.accept(line);
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
            }
            return process.waitFor();
        } catch (InterruptedException | IOException | RuntimeException e) {
            stop(process);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }

    /** Plain loops, JDK types only: also runs in a shutdown hook, after Maven closed our class loader. */
    private static void stop(Process process) {
        for (ProcessHandle child : process.descendants().toList()) {
            child.destroy();
        }
        process.destroy();
    }
}
