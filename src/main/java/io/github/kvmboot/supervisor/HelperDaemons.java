package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.process.HelperProcess;

/** The daemons of one run (virtiofsd): started in order before QEMU, stopped in reverse after it. */
final class HelperDaemons {

    private final List<HelperProcess> started = new ArrayList<>();
    private final BuildLog log;

    HelperDaemons(BuildLog log) {
        this.log = log;
    }

    /** @param detachable they may outlive the JVM with their guest (kvmboot.keepRunning) */
    void start(List<HelperProcess.Spec> specs, boolean detachable) throws IOException, InterruptedException {
        for (HelperProcess.Spec spec : specs) {
            HelperProcess helper = HelperProcess.start(spec, detachable);
            started.add(helper);
            log.debug(spec.name() + " pid " + helper.pid() + ": " + spec.argv());
        }
    }

    List<GuestRecord.Helper> records() {
        return started.stream().map(h -> new GuestRecord.Helper(h.name(), h.pid(), h.socket())).toList();
    }

    void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
    }

    /** Their guest runs on without this JVM: they are left running, recorded in guest.json. */
    void detach() {
        started.forEach(HelperProcess::detach);
    }
}
