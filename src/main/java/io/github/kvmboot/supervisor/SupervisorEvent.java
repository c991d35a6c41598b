package io.github.kvmboot.supervisor;

import java.util.List;

import io.github.kvmboot.qemu.qmp.Chardev;
import io.github.kvmboot.qemu.qmp.QmpClient;
import io.github.kvmboot.supervisor.LineSplitter.Line;
import io.github.kvmboot.supervisor.PtyLineParser.PtyMapping;

/** What the reader threads tell the supervising thread (through a queue, so reading never blocks it). */
sealed interface SupervisorEvent {

    record PtyAnnounced(PtyMapping mapping) implements SupervisorEvent {
    }

    /** The first console line that is not a pty announcement: the guest (firmware) is running. */
    record ConsoleStarted() implements SupervisorEvent {
    }

    record ExpectMatched(Line line) implements SupervisorEvent {
    }

    record FailMatched(Line line) implements SupervisorEvent {
    }

    record QmpReady(QmpClient client, List<Chardev> chardevs) implements SupervisorEvent {
    }

    record QmpFailed(String reason) implements SupervisorEvent {
    }

    /** Any QMP event, as it arrived (the session picks the power events). */
    record QmpEventArrived(com.fasterxml.jackson.databind.JsonNode event) implements SupervisorEvent {
    }

    record Exited(int exitCode) implements SupervisorEvent {
    }

    /** {@link RunningGuest#stop}: power the guest down, give it {@code grace}, then quit or kill QEMU. */
    record StopRequested(java.time.Duration grace) implements SupervisorEvent {
    }

    /** {@link RunningGuest#detach}: stop supervising, leave QEMU (started detachable) running. */
    record DetachRequested() implements SupervisorEvent {
    }

    /** The kernel printed its power-off (or reset) line: QEMU should exit now. */
    record GuestPoweredOff() implements SupervisorEvent {
    }

    /** Ctrl-A x typed at the interactive console: stop the guest now and end the goal. */
    record UserQuit() implements SupervisorEvent {
    }
}
