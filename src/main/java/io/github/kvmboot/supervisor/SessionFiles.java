package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;

/**
 * The files of one run besides the console: what must not be left from an earlier run before QEMU
 * starts (a stale QEMU of the pid file, sockets, the status report), the {@code guest.json} other
 * processes find the guest by, and what goes when the run ends.
 */
final class SessionFiles {

    private final GuestRun run;
    private final BuildLog log;

    SessionFiles(GuestRun run, BuildLog log) {
        this.run = run;
        this.log = log;
    }

    /** Before QEMU starts: so that "exists" means "created by this QEMU", and only this guest's report counts. */
    void clearBeforeStart() throws KvmbootException, InterruptedException {
        if (run.pidFile().isPresent()) {
            StaleQemu.stopIfRunning(run.pidFile().get(), log);
        }
        run.qmpSocket().ifPresent(this::deleteIfExists);
        run.commandStatus().ifPresent(this::deleteIfExists);
    }

    /** Tells other processes (kvmboot:qmp, kvmboot:wakeup, kvmboot:stop) how to reach this guest. */
    void writeGuestRecord(Long qemuPid, List<GuestRecord.Helper> helpers) {
        Optional<Path> control = run.controlSocket();
        if (control.isEmpty() || qemuPid == null) {
            return;
        }
        try {
            new GuestRecord(run.outputDirectory().toAbsolutePath().normalize(), qemuPid, control.get(),
                    run.outputDirectory().resolve("console.log").toAbsolutePath(), System.currentTimeMillis(), helpers)
                    .write();
        } catch (IOException e) {
            log.warn("Cannot write " + GuestRecord.file(run.outputDirectory()) + " (" + e.getMessage()
                    + "): other Maven runs will not find this guest");
        }
    }

    /** After QEMU is gone: pid file, sockets and the guest record. */
    void removeAfterEnd() {
        run.pidFile().ifPresent(this::deleteIfExists);
        run.qmpSocket().ifPresent(this::deleteIfExists);
        run.controlSocket().ifPresent(this::deleteIfExists);
        deleteIfExists(GuestRecord.file(run.outputDirectory()));
    }

    private void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("Cannot delete " + file + ": " + e.getMessage());
        }
    }
}
