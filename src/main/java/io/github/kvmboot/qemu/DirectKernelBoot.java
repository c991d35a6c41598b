package io.github.kvmboot.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a direct kernel boot needs, independent of the {@link DeviceSet}. Disks become IDE disks
 * 0, 1, ... in list order (what {@code -hda}, {@code -hdb} would give), format probed by QEMU.
 */
public record DirectKernelBoot(
        Path qemuBinary,
        Accelerator accelerator,
        long memoryMiB,
        int cpus,
        Path kernel,
        Optional<Path> initrd,
        String append,
        boolean graphics,
        List<Path> disks) {

    public DirectKernelBoot {
        Objects.requireNonNull(qemuBinary, "qemuBinary");
        Objects.requireNonNull(accelerator, "accelerator");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        Objects.requireNonNull(append, "append");
        disks = List.copyOf(disks);
    }
}
