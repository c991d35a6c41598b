package io.github.kvmboot.boot;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.github.kvmboot.qemu.Accelerator;
import io.github.kvmboot.qemu.DeviceSet;
import io.github.kvmboot.qemu.MachineSpec;

/**
 * The guest machine, decided once per plan by {@link MachinePlanner}: what every boot (kernel,
 * disk, installer, exec) runs on and how the run is watched.
 *
 * @param firmware a firmware directory for QEMU ({@code -L}), with a QEMU built from source
 */
record Machine(Path qemu, Accelerator accelerator, long memoryMiB, int cpus, boolean graphics, DeviceSet deviceSet,
        boolean snapshot, NetworkPlanner.Network network, Optional<Path> firmware, RunSettings run) {

    MachineSpec spec() {
        return new MachineSpec(qemu, accelerator, memoryMiB, cpus, graphics);
    }

    Path outputDirectory() {
        return run.outputDirectory();
    }

    /** One summary line: accelerator, size, device set and where the console goes. */
    String summary() {
        return String.format(Locale.ROOT, "kvmboot: %s, %d MiB, %d CPU%s, %s device set; console in %s",
                accelerator, memoryMiB, cpus, cpus == 1 ? "" : "s", deviceSet.name().toLowerCase(Locale.ROOT),
                outputDirectory().resolve("console.log"));
    }
}
