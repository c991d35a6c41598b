package io.github.kvmboot.supervisor;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.log.Durations;

/**
 * The guest's power state as QMP tells it ({@code SUSPEND}, {@code SUSPEND_DISK}, {@code WAKEUP}):
 * logs each event with its time, keeps them for {@code result.json}, tells the listener, and owns
 * the timer of a supervised guest that may suspend: waking it after {@link PowerSettings#wakeupAfter}
 * (QMP's reader thread delivers the events as they come). While the guest is
 * suspended the no-output watchdog pauses; a suspended guest is not a hung one. In a run that
 * resumes from disk it also says when QEMU exited after {@code SUSPEND_DISK} and must be started
 * again ({@link #awaitsRestart}), and records the restart as {@code RESTARTED}.
 */
final class GuestPower {

    /** A WAKEUP that did not come this long after system_wakeup: ask again (the seed needed up to 4 tries). */
    static final long WAKE_RETRY_NANOS = 500_000_000L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    enum Timer { WAKE }

    private final PowerSettings settings;
    private final BuildLog log;
    private final GuestListener listener;
    private final List<PowerEvent> events = new ArrayList<>();
    private PowerEvent suspendedBy;
    private long suspendedNanos;
    private long nextWakeNanos;
    private long wokeNanos = Long.MIN_VALUE;
    private PowerEvent hibernatedBy;

    GuestPower(PowerSettings settings, BuildLog log, GuestListener listener) {
        this.settings = settings;
        this.log = log;
        this.listener = listener;
    }

    /** A QMP event (any); the power events change the state. */
    void onQmpEvent(JsonNode event) {
        String name = event.path("event").asText();
        if (!PowerEvent.isPowerEvent(name)) {
            return;
        }
        PowerEvent power = new PowerEvent(name, timestamp(event));
        events.add(power);
        long now = System.nanoTime();
        if (name.equals(PowerEvent.SUSPEND)) {
            suspendedBy = power;
            suspendedNanos = now;
            nextWakeNanos = now + settings.wakeupAfter().toNanos();
            log.info("kvmboot: " + TIME.format(power.at()) + " guest suspended to RAM (S3) — "
                    + (settings.wakeupAfter().isZero() ? "wake it with: mvn kvmboot:wakeup (in the same directory)"
                            : "waking it in " + Durations.describe(settings.wakeupAfter()) + " (kvmboot.wakeupAfter)"));
        } else if (name.equals(PowerEvent.WAKEUP)) {
            log.info("kvmboot: " + TIME.format(power.at()) + " guest woke up (WAKEUP)" + (suspendedBy == null ? ""
                    : " after " + (power.at().toEpochMilli() - suspendedBy.at().toEpochMilli()) + " ms suspended"));
            suspendedBy = null;
            wokeNanos = now;
        } else {
            hibernatedBy = power;
            log.info("kvmboot: " + TIME.format(power.at()) + " guest suspended to disk (S4, SUSPEND_DISK): QEMU powers off"
                    + (settings.resumesFromDisk() ? "; kvmboot starts it again to resume from the image" : ""));
        }
        tell(power);
    }

    /** QEMU exited after SUSPEND_DISK in a run that resumes from disk: the session starts it again. */
    boolean awaitsRestart() {
        return settings.resumesFromDisk() && hibernatedBy != null;
    }

    /** The session started QEMU again for the guest to resume from its image: recorded as {@code RESTARTED}. */
    void restarted() {
        PowerEvent power = new PowerEvent(PowerEvent.RESTARTED, Instant.now());
        events.add(power);
        log.info("kvmboot: " + TIME.format(power.at()) + " QEMU started again, " + (power.at().toEpochMilli()
                - hibernatedBy.at().toEpochMilli()) + " ms after SUSPEND_DISK: the guest resumes from its hibernation image");
        hibernatedBy = null;
        wokeNanos = System.nanoTime();
        tell(power);
    }

    private void tell(PowerEvent power) {
        try {
            listener.powerEvent(power);
        } catch (RuntimeException e) {
            log.warn("power event listener failed: " + e);
        }
    }

    boolean suspended() {
        return suspendedBy != null;
    }

    List<PowerEvent> events() {
        return List.copyOf(events);
    }

    /** Where the no-output watchdog counts from: the last output, or the wakeup when that came later. */
    long silenceSince(long lastOutputNanos) {
        return wokeNanos != Long.MIN_VALUE && wokeNanos - lastOutputNanos > 0 ? wokeNanos : lastOutputNanos;
    }

    /** How a timeout should name the state, e.g. " while the guest was suspended to RAM (S3) since 10:31:02.123 ...". */
    Optional<String> suspendedState() {
        if (suspendedBy == null) {
            return Optional.empty();
        }
        return Optional.of("; the guest is suspended to RAM (S3) since " + TIME.format(suspendedBy.at())
                + " and nothing woke it (" + (settings.wakeupAfter().isZero()
                        ? "kvmboot.wakeupAfter is 0 and no kvmboot:wakeup came" : "system_wakeup did not bring it back") + ")");
    }

    void addTimers(Deadlines<Object> deadlines, boolean qmpConnected) {
        if (!qmpConnected) {
            return;
        }
        if (suspendedBy != null && !settings.wakeupAfter().isZero()) {
            deadlines.add(Timer.WAKE, nextWakeNanos);
        }
    }

    /** A timer of {@link #addTimers} expired. */
    void fire(Timer timer, GuestQmp qmp) {
        long now = System.nanoTime();
        if (suspendedBy != null) {
            nextWakeNanos = now + WAKE_RETRY_NANOS;
            log.info("kvmboot: waking the guest (system_wakeup, suspended " + (now - suspendedNanos) / 1_000_000 + " ms)");
            qmp.wakeup();
        }
    }

    /** QEMU's {@code timestamp} {seconds, microseconds} of the event, or now when it has none. */
    static Instant timestamp(JsonNode event) {
        JsonNode ts = event.path("timestamp");
        if (!ts.has("seconds")) {
            return Instant.now();
        }
        return Instant.ofEpochSecond(ts.path("seconds").asLong(), ts.path("microseconds").asLong() * 1000);
    }
}
