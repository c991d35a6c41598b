package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.build.KbuildOptions;
import io.github.kvmboot.build.KernelConfigurator;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;

/**
 * Configures a kernel tree for QEMU: starts from its .config (or {@code kvmboot.baseConfig} when
 * there is none), merges kvmboot's QEMU fragment and {@code kvmboot.configFragments}, runs
 * olddefconfig and fails listing every requested option that did not survive.
 */
@Mojo(name = "kernel-config", defaultPhase = LifecyclePhase.GENERATE_SOURCES, requiresProject = false,
        threadSafe = true)
public class KernelConfigMojo extends AbstractKernelTreeMojo {

    public KernelConfigMojo() {
        super(Goal.KERNEL_CONFIG);
    }

    /** tinyconfig (default), defconfig or kvm_guest, used when there is no .config ({@code KVM_BOOT_BASE_CONFIG}). */
    @Parameter
    private String baseConfig;

    /** Comma-separated config fragments merged after kvmboot's ({@code KVM_BOOT_CONFIG_FRAGMENTS}). */
    @Parameter
    private String configFragments;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        new KernelConfigurator(log).configure(KbuildOptions.from(settings, host));
    }
}
