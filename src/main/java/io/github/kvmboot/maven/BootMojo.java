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
import io.github.kvmboot.config.Goal;
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
public class BootMojo extends AbstractGuestMojo {

    public BootMojo() {
        super(Goal.BOOT);
    }

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

    /** Raw QEMU arguments for the primary disk ({@code KVM_BOOT_USE_TARGET}). */
    @Parameter
    private String useTarget;

    /** Raw QEMU arguments for the development disk ({@code KVM_BOOT_USE_NEXT_TARGET}). */
    @Parameter
    private String useNextTarget;

    /** Boot the target image's own bootloader ({@code kvmboot.diskBoot}). */
    @Parameter
    private String diskBoot;

    /** The whole QEMU command line, split like a shell would but never run by one ({@code KVM_BOOT}). */
    @Parameter
    private String command;

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

    /** The guest's root: initramfs (busybox) or host (the host's {@code /}, read-only) ({@code kvmboot.rootfs}). */
    @Parameter
    private String rootfs;

    /** With rootfs=host, the directories writable as tmpfs overlays ({@code kvmboot.rwDirs}). */
    @Parameter
    private String rwDirs;

    /** With rootfs=host: auto, virtiofs or 9p ({@code kvmboot.rootfsShare}). */
    @Parameter
    private String rootfsShare;

    /** The virtiofs daemon ({@code kvmboot.virtiofsd}). */
    @Parameter
    private String virtiofsd;

    /** With rootfs=host, share the working directory writable ({@code kvmboot.writableWorkdir}). */
    @Parameter
    private String writableWorkdir;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        Optional<Path> reports = projectPresent()
                ? Optional.of(Paths.get(project.getBuild().getDirectory()).resolve("kvmboot-reports").toAbsolutePath())
                : Optional.empty();
        new BootRun(log, host).run(settings, mojoExecution != null ? mojoExecution.getExecutionId() : null,
                reports, this::publishProperty);
    }
}
