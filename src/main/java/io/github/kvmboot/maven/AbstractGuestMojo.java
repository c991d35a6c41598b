package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.config.Goal;

/**
 * The configuration fields of the goals that run a guest (boot, install-guest): the machine, its
 * disks and network, and what the supervisor watches for. Like every kvmboot field they are
 * named after their {@link io.github.kvmboot.config.Setting} and carry no {@code property}.
 */
public abstract class AbstractGuestMojo extends AbstractKvmbootMojo {

    protected AbstractGuestMojo(Goal goal) {
        super(goal);
    }

    /** auto, kvm or tcg ({@code KVM_BOOT_ACCEL}). */
    @Parameter
    private String accel;

    /** Create the target as a qcow2 overlay on this base image ({@code kvmboot.backingImage}). */
    @Parameter
    private String backingImage;

    /** Guest CPUs, default min(4, host cores) ({@code KVM_BOOT_CPUS}). */
    @Parameter
    private String cpus;

    /** Create the development disk as a new qcow2 of this size ({@code kvmboot.createNextTarget}). */
    @Parameter
    private String createNextTarget;

    /** Create the target as a new qcow2 of this size, e.g. 6G ({@code kvmboot.createTarget}). */
    @Parameter
    private String createTarget;

    /** fast (default) or seed: the QEMU device set ({@code KVM_BOOT_DEVICE_SET}). */
    @Parameter
    private String deviceSet;

    /** Regex on the console: when seen, the boot succeeded and the guest is stopped. */
    @Parameter
    private String expect;

    /** Regex on the console that fails the run; none disables. */
    @Parameter
    private String failOn;

    /** Open a graphical display ({@code KVM_BOOT_ENABLE_GRAPHICS}). */
    @Parameter
    private String graphics;

    /** Guest memory in MiB, or with suffix M/G ({@code KVM_BOOT_MEM}). */
    @Parameter
    private String memory;

    /** auto, vde, user or none ({@code KVM_BOOT_NETWORK_MODE}). */
    @Parameter
    private String network;

    /** Development disk image, or none ({@code KVM_BOOT_NEXT_TARGET}). */
    @Parameter
    private String nextTarget;

    /** QEMU binary ({@code KVM_BOOT_QEMU}). */
    @Parameter
    private String qemu;

    /** Use a QEMU built from source under $HOME/devel/qemu ({@code kvmboot.qemuDev}). */
    @Parameter
    private String qemuDev;

    /** Throw-away run: disk writes are discarded when QEMU exits ({@code kvmboot.snapshot}). */
    @Parameter
    private String snapshot;

    /** Primary disk image ({@code KVM_BOOT_TARGET}). */
    @Parameter
    private String target;

    /** Seconds before the run fails; 0 = none ({@code KVM_BOOT_TIMEOUT}). */
    @Parameter
    private String timeout;

    /** VDE switch control socket ({@code KVM_BOOT_VDE_SOCKET}). */
    @Parameter
    private String vdeSocket;
}
