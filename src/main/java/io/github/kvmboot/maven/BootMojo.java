package io.github.kvmboot.maven;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.BootRun;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;

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
    // issue 5: exec, shares, crash detection

    /** Shell command run in the guest from a generated initramfs; the goal fails unless it exits 0 ({@code KVM_BOOT_EXEC}). */
    @Parameter
    private String exec;

    /** Host directories for the guest over 9p, comma-separated, {@code /host} or {@code /host:/guest} ({@code KVM_BOOT_SHARE}). */
    @Parameter
    private String share;

    /** Statically linked busybox for the generated initramfs ({@code KVM_BOOT_BUSYBOX}). */
    @Parameter
    private String busybox;

    /** Kernel modules directory (lib/modules/&lt;release&gt; or an INSTALL_MOD_PATH) ({@code KVM_BOOT_MODULES}). */
    @Parameter
    private String modules;

    /** Modules the generated init loads, comma-separated ({@code kvmboot.loadModules}). */
    @Parameter
    private String loadModules;

    /** Fail when the console is silent this long; 0 = never ({@code KVM_BOOT_NO_OUTPUT_TIMEOUT}). */
    @Parameter
    private String noOutputTimeout;

    /** Fail on kernel warnings too ({@code kvmboot.failOnWarning}). */
    @Parameter
    private String failOnWarning;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        Optional<Path> reports = project != null && session.getRequest().isProjectPresent()
                ? Optional.of(Paths.get(project.getBuild().getDirectory()).resolve("kvmboot-reports").toAbsolutePath())
                : Optional.empty();
        new BootRun(log, host).run(settings, mojoExecution != null ? mojoExecution.getExecutionId() : null,
                reports, this::publishProperty);
    }
}
