package io.github.kvmboot.boot;

import java.nio.file.Path;
import java.util.Locale;

import io.github.kvmboot.arch.Architecture;
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
        boolean snapshot, NetworkPlanner.Network network, Optional<Path> firmware, RunSettings run,
        Architecture architecture) {

    MachineSpec spec() {
        return new MachineSpec(qemu, accelerator, memoryMiB, cpus, graphics, architecture);
    }

    Path outputDirectory() {
        return run.outputDirectory();
    }

    /** One summary line: accelerator, size, device set and where the console goes. */
    String summary() {
        return String.format(Locale.ROOT, "kvmboot: %s%s, %d MiB, %d CPU%s, %s; console in %s",
                architecture.isPc() ? "" : architecture + " " + architecture.machine().orElse("") + ", ",
                accelerator, memoryMiB, cpus, cpus == 1 ? "" : "s", architecture.isPc()
                        ? deviceSet.name().toLowerCase(Locale.ROOT) + " device set" : "virtio devices",
                outputDirectory().resolve("console.log"));
    }
}
