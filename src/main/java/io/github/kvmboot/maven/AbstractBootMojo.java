package io.github.kvmboot.maven;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.config.Goal;

/**
 * The configuration fields of the goals that boot a kernel or disk under supervision (boot, start):
 * what to boot, the exec initramfs, crash detection, reports and forwards.
 */
public abstract class AbstractBootMojo extends AbstractGuestMojo {

    protected AbstractBootMojo(Goal goal) {
        super(goal);
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
    protected MojoExecution mojoExecution;

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

    // issue 10: port forwards

    /** Guest TCP ports on 127.0.0.1, {@code tcp:8080} or {@code tcp:18080:8080}, comma-separated ({@code kvmboot.forward}). */
    @Parameter
    private String forward;

    /** Boot an x86 bzImage through QEMU's PVH entry under TCG: off or auto ({@code kvmboot.pvh}). */
    @Parameter
    private String pvh;

    // issue 11: suspend and resume

    /** Suspend/resume cycles in the generated init: mem, freeze, disk or off ({@code kvmboot.suspend}). */
    @Parameter
    private String suspend;

    /** How many suspend/resume cycles ({@code kvmboot.suspendCycles}). */
    @Parameter
    private String suspendCycles;

    /** Wake a suspended guest after this long; 0 = never ({@code kvmboot.wakeupAfter}). */
    @Parameter
    private String wakeupAfter;

    // issue 14: debugging a kernel that crashed

    /** gdb stub port on 127.0.0.1, or {@code auto} ({@code kvmboot.gdb}). */
    @Parameter
    private String gdb;

    /** Guest architecture: x86_64, arm64, riscv64; default from the kernel image ({@code kvmboot.arch}). */
    @Parameter
    private String arch;

    /** Halt before the first instruction until gdb continues ({@code kvmboot.gdbWait}). */
    @Parameter
    private String gdbWait;

    /** Write the guest's memory to {@code <outputDirectory>/vmcore} on a panic ({@code kvmboot.dumpOnPanic}). */
    @Parameter
    private String dumpOnPanic;

    /** The kernel's ELF image with symbols; default: the build tree's vmlinux ({@code kvmboot.vmlinux}). */
    @Parameter
    private String vmlinux;

    // issue 12: the host's userland in the guest

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

    /** The execution id, or null outside a build (e.g. in tests). */
    protected String executionId() {
        return mojoExecution != null ? mojoExecution.getExecutionId() : null;
    }

    /** {@code ${project.build.directory}/kvmboot-reports}; empty without a project. */
    protected Optional<Path> defaultReportsDirectory() {
        return projectPresent()
                ? Optional.of(Paths.get(project.getBuild().getDirectory()).resolve("kvmboot-reports").toAbsolutePath())
                : Optional.empty();
    }
}
