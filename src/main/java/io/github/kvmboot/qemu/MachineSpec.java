package io.github.kvmboot.qemu;

import java.nio.file.Path;
import java.util.Objects;

/** The machine every {@link DeviceSet} boot starts from: binary, accelerator, size, display. */
public record MachineSpec(Path qemuBinary, Accelerator accelerator, long memoryMiB, int cpus, boolean graphics) {

    public MachineSpec {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(accelerator, "accelerator");
    }
}
