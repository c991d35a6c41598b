package io.github.kvmboot.supervisor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the supervisor does for someone debugging the guest.
 *
 * @param debuggerAttachable a gdb stub is listening: while QEMU reports the guest halted (gdb
 *                           stopped it, or {@code -S} before the first instruction) the timeout
 *                           and the no-output watchdog do not count
 * @param vmcore             on a panic (QEMU paused the guest on GUEST_PANICKED, or a fail
 *                           pattern matched), write the guest's memory there as an ELF core
 * @param vmlinux            the kernel's symbols, for the command printed to open the dump
 */
public record Debugging(boolean debuggerAttachable, Optional<Path> vmcore, Optional<Path> vmlinux) {

    public static final Debugging NONE = new Debugging(false, Optional.empty(), Optional.empty());

    public Debugging {
        Objects.requireNonNull(vmcore, "vmcore");
        Objects.requireNonNull(vmlinux, "vmlinux");
    }

    /** Whether the session asks QEMU for the guest's run state while it runs. */
    boolean watchesRunState() {
        return debuggerAttachable || vmcore.isPresent();
    }
}
