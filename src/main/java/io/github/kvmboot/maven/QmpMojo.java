package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.lifecycle.QmpRun;
import io.github.kvmboot.log.BuildLog;

/**
 * Sends one QMP command to a running guest found by its output directory and prints the reply:
 * {@code mvn kvmboot:qmp -Dkvmboot.qmp=query-status}.
 */
@Mojo(name = "qmp", requiresProject = false, threadSafe = true)
public class QmpMojo extends AbstractKvmbootMojo {

    public QmpMojo() {
        super(Goal.QMP);
    }

    /** The guest's name under the output directory; default the only one running ({@code kvmboot.name}). */
    @Parameter
    private String name;

    /** A QMP command name or a whole JSON command ({@code kvmboot.qmp}). */
    @Parameter
    private String qmp;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log) throws KvmbootException {
        new QmpRun(log, host).run(settings);
    }
}
