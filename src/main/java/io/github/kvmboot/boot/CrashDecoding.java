package io.github.kvmboot.boot;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.kernel.StackTraceDecoder;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestFailureException;

/**
 * A failure's console excerpt symbolized ({@code file:line}) when the kernel's vmlinux and its
 * tree's {@code scripts/decode_stacktrace.sh} are known; the raw excerpt stays in the message.
 */
final class CrashDecoding {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final BuildLog log;

    CrashDecoding(BuildLog log) {
        this.log = log;
    }

    /** The failure, its message extended by the decoded excerpt when there is a trace and a way to decode it. */
    GuestFailureException decorate(GuestFailureException failure, Optional<Path> vmlinux) throws InterruptedException {
        List<String> excerpt = failure.result() == null ? List.of() : failure.result().excerpt();
        if (!StackTraceDecoder.hasTrace(excerpt)) {
            return failure;
        }
        Optional<StackTraceDecoder> decoder = vmlinux.flatMap(StackTraceDecoder::forVmlinux);
        if (decoder.isEmpty()) {
            log.info("kvmboot: for file:line in this stack trace, boot the kernel of a built tree (or set kvmboot.vmlinux"
                    + " to its vmlinux) with scripts/decode_stacktrace.sh and CONFIG_DEBUG_INFO"
                    + (vmlinux.isPresent() ? "; " + vmlinux.get() + " has no tree with that script beside it" : ""));
            return failure;
        }
        try {
            List<String> decoded = decoder.get().decode(excerpt, LIMIT);
            return new GuestFailureException(failure.getMessage() + "\nDecoded (scripts/decode_stacktrace.sh "
                    + vmlinux.get() + " " + decoder.get().sourceTree() + "):\n" + String.join("\n", decoded),
                    failure.result());
        } catch (IOException e) {
            log.warn("kvmboot: could not decode the stack trace: " + e.getMessage());
            return failure;
        }
    }
}
