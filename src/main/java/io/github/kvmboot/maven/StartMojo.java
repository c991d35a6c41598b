package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.lifecycle.StartRun;
import io.github.kvmboot.log.BuildLog;

/**
 * Starts a guest for integration tests (every setting of {@code boot}) and returns once
 * {@code kvmboot.waitFor} holds; the guest runs on, supervised, until {@code kvmboot:stop}.
 * Forwarded ports are published as {@code kvmboot.port.<guestPort>}.
 */
@Mojo(name = "start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false, threadSafe = true)
public class StartMojo extends AbstractBootMojo {

    public StartMojo() {
        super(Goal.START);
    }

    /** Which guest: its directory under the output directory; default the execution id ({@code kvmboot.name}). */
    @Parameter
    private String name;

    /** Conditions for ready: {@code console:<regex>}, {@code tcp:<guestPort>}, {@code qmp:running} ({@code kvmboot.waitFor}). */
    @Parameter
    private String waitFor;

    /** Leave the guest running after the build, for inspection and a later {@code kvmboot:stop} ({@code kvmboot.keepRunning}). */
    @Parameter
    private String keepRunning;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        new StartRun(log, host).start(settings, executionId(), defaultReportsDirectory(), this::publishProperty);
    }
}
