package io.github.kvmboot.boot;

import java.nio.file.Path;
import java.util.List;

/** A decided installer run, and the disk images it writes (checked with qemu-img after the run). */
public record InstallPlan(BootPlan boot, List<Path> disks) {
    public InstallPlan {
        disks = List.copyOf(disks);
    }
}
