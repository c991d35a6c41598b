package io.github.kvmboot.qemu;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.kvmboot.process.ProcessStopper;

/** Boots a kernel under KVM for a few seconds and reports whether the kernel proper ran. */
final class KvmTestBoot {

    /**
     * Output of the kernel proper. The real-mode setup line "Probing EDD ... ok" does not count:
     * measured on a host with nested virtualization off, it is printed and then the guest hangs.
     */
    private static final Pattern KERNEL_OUTPUT =
            Pattern.compile("Linux version|Decompressing Linux|^\\[\\s*\\d+\\.\\d+\\] ");
    private static final Duration STDERR_DRAIN = Duration.ofSeconds(2);
    private static final ProcessStopper TERMINATION = new ProcessStopper(Duration.ofSeconds(2), Duration.ofSeconds(10));

    enum Kind { KERNEL_RAN, SILENT, QEMU_FAILED }

    /** What happened; {@code detail} is the first kernel line, or QEMU's stderr. */
    record Outcome(Kind kind, String detail) { }

    private KvmTestBoot() {
    }

    static List<String> command(Path qemuBinary, Path kernel) {
        return new QemuCommandBuilder(qemuBinary)
                .accelerator(Accelerator.KVM)
                .noDefaults()
                .noGraphics()
                .serialOnStdio()
                .memoryMiB(256)
                .kernel(kernel)
                .append("console=ttyS0 earlyprintk=serial,ttyS0,115200 panic=-1")
                .noReboot()
                .build();
    }

    /** Never returns (or throws) with the QEMU still running. */
    static Outcome run(Path qemuBinary, Path kernel, Duration timeout) throws InterruptedException {
        Process qemu;
        try {
            qemu = new ProcessBuilder(command(qemuBinary, kernel))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return new Outcome(Kind.QEMU_FAILED, "could not start " + qemuBinary + ": " + e.getMessage());
        }
        try {
            LineWatcher stderr = LineWatcher.start(qemu.getErrorStream(), line -> false, "kvm-probe-stderr");
            LineWatcher console = LineWatcher.start(qemu.getInputStream(),
                    line -> KERNEL_OUTPUT.matcher(line).find(), "kvm-probe-console");
            console.await(timeout);
            if (console.wantedLine().isPresent()) {
                return new Outcome(Kind.KERNEL_RAN, console.wantedLine().get().trim());
            }
            if (!console.ended()) {
                return new Outcome(Kind.SILENT, stderr.text().trim());
            }
            stderr.await(STDERR_DRAIN);
            String errors = withoutWarnings(stderr.text().trim());
            if (errors.isEmpty() && qemu.waitFor(STDERR_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                errors = "QEMU exited with code " + qemu.exitValue() + " and printed nothing";
            }
            return new Outcome(Kind.QEMU_FAILED, errors);
        } finally {
            TERMINATION.stop(qemu.toHandle());
        }
    }

    /** QEMU warns about CPU features it cannot give the guest; the error that ended it matters more. */
    static String withoutWarnings(String stderr) {
        String errors = errorsOnly(stderr);
        return errors.isEmpty() ? stderr : errors;
    }

    static String errorsOnly(String stderr) {
        return stderr.lines().filter(line -> !line.isBlank() && !line.contains(": warning: "))
                .collect(Collectors.joining("\n"));
    }
}
