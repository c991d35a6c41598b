package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.lifecycle.StopRun;
import io.github.kvmboot.log.BuildLog;

/**
 * Stops the guests {@code kvmboot:start} started (ACPI power-down, a grace period, then quit or
 * kill) and fails the build when one crashed, panicked, hit a fail pattern or ended while the
 * tests ran; the report covers the guest's whole life.
 */
@Mojo(name = "stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public class StopMojo extends AbstractKvmbootMojo {

    public StopMojo() {
        super(Goal.STOP);
    }

    /** Stop only this guest; default every guest started under the output directory ({@code kvmboot.name}). */
    @Parameter
    private String name;

    /** Seconds the guest may take to power off before QEMU is quit or killed ({@code kvmboot.stopTimeout}). */
    @Parameter
    private String stopTimeout;

    /** Leave the guest running after the build, for inspection and a later {@code kvmboot:stop} ({@code kvmboot.keepRunning}). */
    @Parameter
    private String keepRunning;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        new StopRun(log, host).stop(settings);
    }
}
