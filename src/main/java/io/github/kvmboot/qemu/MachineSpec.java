package io.github.kvmboot.qemu;

import java.nio.file.Path;
import java.util.Objects;

import io.github.kvmboot.arch.Architecture;

/** The machine every {@link DeviceSet} boot starts from: binary, accelerator, size, display. */
public record MachineSpec(Path qemuBinary, Accelerator accelerator, long memoryMiB, int cpus, boolean graphics,
        Architecture architecture) {

    public MachineSpec {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** An x86_64 PC. */
    public MachineSpec(Path qemuBinary, Accelerator accelerator, long memoryMiB, int cpus, boolean graphics) {
        this(qemuBinary, accelerator, memoryMiB, cpus, graphics, Architecture.X86_64);
    }
}
