package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.config.Goal;

/**
 * The configuration fields of the goals that run make in a kernel tree (kernel-config, build):
 * where the tree and its build directory are, and how make is called.
 */
public abstract class AbstractKernelTreeMojo extends AbstractKvmbootMojo {

    protected AbstractKernelTreeMojo(Goal goal) {
        super(goal);
    }

    /** Linux source tree, default the project directory ({@code KVM_BOOT_KERNEL_TREE}). */
    @Parameter
    private String kernelTree;

    /** Out-of-tree build directory, make O= ({@code KVM_BOOT_BUILD_DIR}). */
    @Parameter
    private String buildDir;

    /** make -jN, default host cores ({@code KVM_BOOT_JOBS}). */
    @Parameter
    private String jobs;

    /** make ARCH=: x86_64, x86, arm64, riscv64 ({@code KVM_BOOT_ARCH}). */
    @Parameter
    private String arch;

    /** make CROSS_COMPILE= ({@code KVM_BOOT_CROSS_COMPILE}). */
    @Parameter
    private String crossCompile;

    /** make LLVM=1 ({@code KVM_BOOT_LLVM}). */
    @Parameter
    private String llvm;

    /** Any mode but off: kernel-config merges kvmboot's suspend fragment too ({@code kvmboot.suspend}). */
    @Parameter
    private String suspend;
}
