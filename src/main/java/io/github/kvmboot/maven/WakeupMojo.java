package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.Mojo;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.suspend.GuestWaker;

/**
 * Wakes a suspended guest (S3, {@code echo mem > /sys/power/state}) that a {@code kvmboot:boot}
 * in another terminal runs with the same output directory: QMP {@code system_wakeup}, repeated
 * until QEMU reports {@code WAKEUP} or 10 s passed. Fails when no guest runs there or it is not
 * suspended.
 */
@Mojo(name = "wakeup", requiresProject = false, threadSafe = true)
public class WakeupMojo extends AbstractKvmbootMojo {

    public WakeupMojo() {
        super(Goal.WAKEUP);
    }

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        log.info(new GuestWaker(log).wake(settings.optional(Setting.OUTPUT_DIRECTORY).map(host::resolve)
                .orElse(host.defaultOutputDirectory()).toAbsolutePath().normalize()));
    }
}
