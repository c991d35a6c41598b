package io.github.kvmboot.supervisor;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Optional;

import io.github.kvmboot.log.BuildLog;

/**
 * Run in a separate JVM by {@link NoOrphanTest}: supervises a guest that prints a marker and
 * hangs, until the test kills this JVM. Arguments: kernel, initrd, output directory.
 */
public final class OrphanProbeMain {

    private OrphanProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path kernel = Paths.get(args[0]);
        Path initrd = Paths.get(args[1]);
        Path out = Paths.get(args[2]);
        Path pidFile = out.resolve("qemu.pid");
        new GuestSupervisor(BuildLog.toStderr()).run(new GuestRun(TestQemu.commandWithKernel(kernel, initrd, pidFile, null), out,
                Optional.empty(), Optional.empty(), Duration.ZERO, Optional.empty(), Optional.of(pidFile), false,
                GuestListener.NONE, Duration.ZERO, Optional.empty(), Optional.empty()));
    }
}
