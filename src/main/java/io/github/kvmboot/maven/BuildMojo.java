package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.build.BuildReport;
import io.github.kvmboot.build.KbuildOptions;
import io.github.kvmboot.build.KernelBuilder;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.log.BuildLog;

/**
 * Builds a configured kernel tree ({@code make -jN bzImage}, and {@code modules} when asked) with
 * a progress line per 200 objects, fails with the first compiler error, and publishes the bzImage
 * as the project property {@code kvmboot.kernel} for a later {@code kvmboot:boot}.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, requiresProject = false, threadSafe = true)
public class BuildMojo extends AbstractKernelTreeMojo {

    public BuildMojo() {
        super(Goal.BUILD);
    }

    /** Also make modules ({@code KVM_BOOT_BUILD_MODULES}). */
    @Parameter
    private String buildModules;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        BuildReport report = new KernelBuilder(log).build(KbuildOptions.from(settings, host));
        log.info(report.summary());
        publishProperty(Setting.KERNEL.canonicalProperty(), report.bzImage().toString());
    }
}
