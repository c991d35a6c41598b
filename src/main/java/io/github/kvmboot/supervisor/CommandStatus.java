package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import io.github.kvmboot.statusport.StatusReport;

/**
 * What the guest's init wrote on its status port.
 *
 * @deprecated the status channel lives in {@link io.github.kvmboot.statusport}; use {@link StatusReport}
 *     (and {@link StatusReport#explain}). Kept until {@code GuestSession} reads StatusReport directly.
 */
@Deprecated
record CommandStatus(boolean started, Optional<Integer> exitCode, Optional<String> error, int forgedLines) {

    static CommandStatus read(Path file) throws IOException {
        return of(StatusReport.read(file));
    }

    static CommandStatus parse(String text) {
        return of(StatusReport.parse(text));
    }

    private static CommandStatus of(StatusReport report) {
        return new CommandStatus(report.started(), report.exitCode(), report.error(), report.forgedLines());
    }
}
