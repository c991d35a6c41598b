package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.Mojo;

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
public class BootMojo extends AbstractBootMojo {

    public BootMojo() {
        super(Goal.BOOT);
    }

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        new BootRun(log, host).run(settings, executionId(), defaultReportsDirectory(), this::publishProperty);
    }
}
