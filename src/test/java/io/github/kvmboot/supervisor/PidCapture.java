package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads QEMU's pid from its pidfile while it runs (the supervisor deletes the pidfile at the
 * end) and checks that the announced ptys exist while QEMU runs.
 */
class PidCapture implements GuestListener {

    private final Path pidFile;
    private final AtomicLong pid = new AtomicLong(-1);
    final Map<String, Boolean> ptyExistedWhenReported = new ConcurrentHashMap<>();
    volatile Map<String, String> reportedPtys;

    PidCapture(Path pidFile) {
        this.pidFile = pidFile;
    }

    @Override
    public void ptysReady(Map<String, String> labelToPath) {
        reportedPtys = Map.copyOf(labelToPath);
        labelToPath.forEach((label, path) -> ptyExistedWhenReported.put(label, Files.exists(Path.of(path))));
        capture();
    }

    @Override
    public void consoleLine(String line) {
        capture();
    }

    private void capture() {
        if (pid.get() < 0 && Files.exists(pidFile)) {
            try {
                pid.set(TestQemu.readPid(pidFile));
            } catch (IOException | NumberFormatException notYetWritten) {
                // try again with the next line
            }
        }
    }

    long pid() {
        if (pid.get() < 0) {
            throw new AssertionError("never saw QEMU's pidfile " + pidFile);
        }
        return pid.get();
    }
}
