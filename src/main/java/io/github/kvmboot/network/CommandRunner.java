package io.github.kvmboot.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.ShellQuoting;

/** Runs one argument vector (no shell), stdin from /dev/null, stdout and stderr captured together. */
public class CommandRunner {

    public record Result(List<String> command, int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final BuildLog log;
    private final boolean verbose;

    public CommandRunner(BuildLog log, boolean verbose) {
        this.log = log;
        this.verbose = verbose;
    }

    public Result run(List<String> command) throws KvmbootException, InterruptedException {
        String line = ShellQuoting.join(command);
        if (verbose) {
            log.info("+ " + line);
        } else {
            log.debug("+ " + line);
        }
        try {
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new KvmbootException("kvmboot: '" + line + "' did not finish within 60 s");
            }
            if (verbose && !output.isEmpty()) {
                output.lines().forEach(l -> log.info("  " + l));
            }
            return new Result(command, p.exitValue(), output);
        } catch (IOException e) {
            throw new KvmbootException("kvmboot: cannot run '" + line + "': " + e.getMessage(), e);
        }
    }

    /** Runs it and fails with its output unless it exits 0. */
    public Result require(List<String> command) throws KvmbootException, InterruptedException {
        Result r = run(command);
        if (!r.ok()) {
            throw new KvmbootException("kvmboot: '" + ShellQuoting.join(command) + "' failed (exit " + r.exitCode()
                    + ")" + (r.output().isEmpty() ? "" : ": " + r.output()));
        }
        return r;
    }
}
