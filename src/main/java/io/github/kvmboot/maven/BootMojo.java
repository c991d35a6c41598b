package io.github.kvmboot.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.BootPlan;
import io.github.kvmboot.boot.BootPlanner;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.report.KtapMode;
import io.github.kvmboot.report.ReportFiles;
import io.github.kvmboot.report.RunEnd;
import io.github.kvmboot.report.RunReporter;
import io.github.kvmboot.supervisor.GuestFailureException;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestSupervisor;

/**
 * Boots a kernel (or a disk image, or a whole {@code KVM_BOOT} command) under QEMU, streams the
 * guest console into the build log and supervises the guest until it powers off, the
 * {@code kvmboot.expect} pattern appears, a {@code kvmboot.failOn} pattern appears, or
 * {@code kvmboot.timeout} expires. Every setting also reads {@code -Dkvmboot.*}, POM properties and
 * {@code KVM_BOOT_*} environment variables; run with {@code -Dkvmboot.explain} to see them all.
 */
@Mojo(name = "boot", requiresProject = false, threadSafe = true)
public class BootMojo extends AbstractKvmbootMojo {

    /** Kernel image or kernel tree ({@code kernel}, {@code kvmboot.kernel}, {@code KVM_BOOT_KERNEL}). */
    @Parameter
    private String kernel;

    /** Initramfs; inferred from the kernel release when unset; {@code none} boots without ({@code KVM_BOOT_INITRD}). */
    @Parameter
    private String initrd;

    /** Boot the newest kernel and initramfs in {@code bootDir} ({@code kvmboot.latest}). */
    @Parameter
    private String latest;

    /** Directory of installed kernels, default {@code /boot} ({@code KVM_BOOT_BOOT_DIR}). */
    @Parameter
    private String bootDir;

    /** Kernel command line ({@code KVM_BOOT_KERNEL_APPEND}). */
    @Parameter
    private String append;

    /** Guest memory in MiB, or with suffix M/G ({@code KVM_BOOT_MEM}). */
    @Parameter
    private String memory;

    /** Guest CPUs, default min(4, host cores) ({@code KVM_BOOT_CPUS}). */
    @Parameter
    private String cpus;

    /** QEMU binary ({@code KVM_BOOT_QEMU}). */
    @Parameter
    private String qemu;

    /** Use a QEMU built from source under $HOME/devel/qemu ({@code kvmboot.qemuDev}). */
    @Parameter
    private String qemuDev;

    /** auto, kvm or tcg ({@code KVM_BOOT_ACCEL}). */
    @Parameter
    private String accel;

    /** Primary disk image ({@code KVM_BOOT_TARGET}). */
    @Parameter
    private String target;

    /** Raw QEMU arguments for the primary disk ({@code KVM_BOOT_USE_TARGET}). */
    @Parameter
    private String useTarget;

    /** Development disk image, or none ({@code KVM_BOOT_NEXT_TARGET}). */
    @Parameter
    private String nextTarget;

    /** Raw QEMU arguments for the development disk ({@code KVM_BOOT_USE_NEXT_TARGET}). */
    @Parameter
    private String useNextTarget;

    /** Boot the target image's own bootloader ({@code kvmboot.diskBoot}). */
    @Parameter
    private String diskBoot;

    /** Open a graphical display ({@code KVM_BOOT_ENABLE_GRAPHICS}). */
    @Parameter
    private String graphics;

    /** The whole QEMU command line, split like a shell would but never run by one ({@code KVM_BOOT}). */
    @Parameter
    private String command;

    /** auto, vde, user or none ({@code KVM_BOOT_NETWORK_MODE}). */
    @Parameter
    private String network;

    /** VDE switch control socket ({@code KVM_BOOT_VDE_SOCKET}). */
    @Parameter
    private String vdeSocket;

    /** Seconds before the run fails; 0 = none ({@code KVM_BOOT_TIMEOUT}). */
    @Parameter
    private String timeout;

    /** Regex on the console: when seen, the boot succeeded and the guest is stopped. */
    @Parameter
    private String expect;

    /** Regex on the console that fails the run; none disables. */
    @Parameter
    private String failOn;

    /** fast (default) or seed: the QEMU device set ({@code KVM_BOOT_DEVICE_SET}). */
    @Parameter
    private String deviceSet;

    /** Guest MAC address; default stable per target image ({@code kvmboot.mac}). */
    @Parameter
    private String mac;

    /** KTAP results: auto, fail, report or off ({@code kvmboot.ktap}, {@code KVM_BOOT_KTAP}). */
    @Parameter
    private String ktap;

    /** Directory for the JUnit XML report and JSON summary ({@code kvmboot.reportsDirectory}). */
    @Parameter
    private String reportsDirectory;

    /** Its execution id names the report files, so several executions give separate suites. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;
    /** Throw-away run: disk writes are discarded when QEMU exits ({@code kvmboot.snapshot}). */
    @Parameter
    private String snapshot;

    /** Create the target as a new qcow2 of this size, e.g. 6G ({@code kvmboot.createTarget}). */
    @Parameter
    private String createTarget;

    /** Create the development disk as a new qcow2 of this size ({@code kvmboot.createNextTarget}). */
    @Parameter
    private String createNextTarget;

    /** Create the target as a qcow2 overlay on this base image ({@code kvmboot.backingImage}). */
    @Parameter
    private String backingImage;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        GuestListener publisher = new GuestListener() {
            @Override
            public void ptysReady(Map<String, String> labelToPath) {
                labelToPath.forEach((label, path) -> publishProperty("kvmboot.pty." + label, path));
            }
        };
        KtapMode ktapMode = settings.choice(Setting.KTAP, KtapMode.class);
        String executionId = mojoExecution != null ? mojoExecution.getExecutionId() : null;
        RunReporter reporter = new RunReporter(log, ktapMode, ReportFiles.suiteName(executionId), publisher);
        BootPlan plan = new BootPlanner(log, host).plan(settings, reporter.recorder());
        // without a project the default lies in the output directory, known once planned
        ReportFiles files = ReportFiles.in(settings.optional(Setting.REPORTS_DIRECTORY).map(host::resolve)
                .orElse(defaultReportsDirectory(plan.guestRun().outputDirectory())), executionId);
        plan.summary().forEach(log::info);
        plan.sshPort().ifPresent(port -> publishProperty("kvmboot.ssh.port", Integer.toString(port)));
        String finalStage = plan.guestRun().expect().isPresent() ? "expect matched" : "guest powered off";
        reporter.recorder().start();
        GuestResult result;
        try {
            result = new GuestSupervisor(log).run(plan.guestRun());
        } catch (GuestFailureException e) {
            GuestResult failed = e.result();
            RunEnd end = new RunEnd(false, failed != null ? failed.outcome().name() : "FAILED", finalStage,
                    e.getMessage(), failed != null ? failed.excerpt() : List.of(),
                    failed != null ? failed.elapsed() : Duration.ZERO);
            try {
                reporter.finish(end, files);
            } catch (IOException | RuntimeException reportProblem) {
                log.warn("kvmboot: could not write the report " + files.xml() + ": " + reportProblem.getMessage());
            }
            throw e;
        }
        Optional<String> ktapFailure;
        try {
            ktapFailure = reporter.finish(new RunEnd(true, result.outcome().name(), finalStage, "",
                    result.excerpt(), result.elapsed()), files);
        } catch (IOException e) {
            throw settings.invalid(Setting.REPORTS_DIRECTORY, "cannot write the report there (" + e.getMessage() + ")",
                    "use a writable directory");
        }
        if (ktapFailure.isPresent()) {
            throw new KvmbootException(ktapFailure.get());
        }
    }

    private Path defaultReportsDirectory(Path outputDirectory) {
        return project != null && session.getRequest().isProjectPresent()
                ? Paths.get(project.getBuild().getDirectory()).resolve("kvmboot-reports").toAbsolutePath()
                : outputDirectory.resolve("reports");
    }
}
