package io.github.kvmboot.supervisor;

import java.nio.file.Path;

/** A completed dump of the guest's memory (an ELF core), see {@code kvmboot.dumpOnPanic}. */
public record Vmcore(Path file, long bytes) {

    public long mebibytes() {
        return bytes >> 20;
    }
}
