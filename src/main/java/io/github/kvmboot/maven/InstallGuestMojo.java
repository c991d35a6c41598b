package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.GuestInstaller;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;

/**
 * Boots an installer ISO with the target image as first disk and the development disk as
 * second (the seed's {@code install-kvm-guest}), creating the images on request
 * ({@code kvmboot.createTarget}, {@code kvmboot.createNextTarget}) but never overwriting one.
 * {@code -Dkvmboot.listIsos} lists the ISOs under {@code kvmboot.isoPath}. Installers get a
 * display when one is present unless {@code kvmboot.graphics} says otherwise. Afterwards, boot
 * the installed system with {@code kvmboot:boot -Dkvmboot.diskBoot -Dkvmboot.target=...}.
 */
@Mojo(name = "install-guest", requiresProject = false, threadSafe = true)
public class InstallGuestMojo extends AbstractKvmbootMojo {

    /** Installer ISO image ({@code KVM_BOOT_ISO}); a name is also looked up under {@code isoPath}. */
    @Parameter
    private String iso;

    /** Directory of installer ISOs, default /opt/isos ({@code KVM_BOOT_ISO_PATH}). */
    @Parameter
    private String isoPath;

    /** List the ISOs under {@code isoPath} with their sizes, then stop ({@code kvmboot.listIsos}). */
    @Parameter
    private String listIsos;

    /** The image to install onto ({@code KVM_BOOT_TARGET}). */
    @Parameter
    private String target;

    /** Create the target as a new qcow2 of this size, e.g. 6G ({@code kvmboot.createTarget}). */
    @Parameter
    private String createTarget;

    /** Create the target as a qcow2 overlay on this base image ({@code kvmboot.backingImage}). */
    @Parameter
    private String backingImage;

    /** Development disk image, or none ({@code KVM_BOOT_NEXT_TARGET}). */
    @Parameter
    private String nextTarget;

    /** Create the development disk as a new qcow2 of this size, e.g. 50G ({@code kvmboot.createNextTarget}). */
    @Parameter
    private String createNextTarget;

    /** Discard every disk write when QEMU exits ({@code kvmboot.snapshot}). */
    @Parameter
    private String snapshot;

    /** Graphical display: unset = when $DISPLAY or $WAYLAND_DISPLAY is set ({@code KVM_BOOT_ENABLE_GRAPHICS}). */
    @Parameter
    private String graphics;

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

    /** auto, vde, user or none ({@code KVM_BOOT_NETWORK_MODE}). */
    @Parameter
    private String network;

    /** VDE switch control socket ({@code KVM_BOOT_VDE_SOCKET}). */
    @Parameter
    private String vdeSocket;

    /** Seconds before the install is stopped and fails; 0 = none ({@code KVM_BOOT_TIMEOUT}). */
    @Parameter
    private String timeout;

    /** Regex on the console: when seen, the install counts as done and the guest is stopped. */
    @Parameter
    private String expect;

    /** Regex on the console that fails the run; none disables. */
    @Parameter
    private String failOn;

    /** fast (default) or seed: the QEMU device set ({@code KVM_BOOT_DEVICE_SET}). */
    @Parameter
    private String deviceSet;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        new GuestInstaller(log, host).run(settings, GuestListener.NONE);
    }
}
