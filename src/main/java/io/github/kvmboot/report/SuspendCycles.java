package io.github.kvmboot.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.github.kvmboot.suspend.SuspendCycleMarkers;
import io.github.kvmboot.suspend.SuspendMode;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.PowerEvent;

/**
 * The suspend/resume cycles of a run, from init's console markers and QEMU's power events: one
 * test case {@code suspend.<mode>.<n>} each, with its suspend time (marker to QMP SUSPEND or
 * SUSPEND_DISK), time suspended and resume time (QMP WAKEUP, or QEMU's restart for S4, to the marker
 * after it). A kernel warning, Oops, BUG or
 * {@code PM: ... failed} line during a cycle fails that cycle and is quoted; a cycle that never
 * resumed fails. Passes every callback on to the next listener.
 */
public final class SuspendCycles implements GuestListener {

    static final Pattern PROBLEM = Pattern.compile("WARNING: (?:CPU: \\d+ PID: \\d+ at|at) |Oops|BUG:|PM: .*failed");

    private static final class Cycle {
        Instant started;
        Instant suspended;
        Instant woken;
        Instant resumed;
        String problem;
    }

    private final SuspendMode mode;
    private final int expected;
    private final GuestListener next;
    private final Map<Integer, Cycle> cycles = new TreeMap<>();
    private Cycle open;

    public SuspendCycles(SuspendMode mode, int expected, GuestListener next) {
        this.mode = mode;
        this.expected = expected;
        this.next = next;
    }

    @Override
    public void ptysReady(Map<String, String> labelToPath) {
        next.ptysReady(labelToPath);
    }

    @Override
    public void consoleLine(String line) {
        Instant now = Instant.now();
        synchronized (this) {
            Optional<SuspendCycleMarkers.Marker> marker = SuspendCycleMarkers.parse(line);
            if (marker.isPresent() && !marker.get().resumed()) {
                open = cycles.computeIfAbsent(marker.get().cycle(), n -> new Cycle());
                open.started = now;
            } else if (marker.isPresent() && open != null) {
                open.resumed = now;
                open = null;
            } else if (open != null && open.problem == null && PROBLEM.matcher(line).find()) {
                open.problem = line;
            }
        }
        next.consoleLine(line);
    }

    @Override
    public void powerEvent(PowerEvent event) {
        synchronized (this) {
            // S4: the guest is "suspended" once QEMU says SUSPEND_DISK, "woken" when kvmboot started QEMU again
            boolean suspends = event.name().equals(PowerEvent.SUSPEND) || event.name().equals(PowerEvent.SUSPEND_DISK);
            boolean wakes = event.name().equals(PowerEvent.WAKEUP) || event.name().equals(PowerEvent.RESTARTED);
            if (open != null && suspends && open.suspended == null) {
                open.suspended = event.at();
            } else if (open != null && wakes && open.suspended != null) {
                open.woken = event.at();
            }
        }
        next.powerEvent(event);
    }

    /** One test case per expected cycle. */
    synchronized List<ReportCase> cases(String className) {
        List<ReportCase> out = new ArrayList<>();
        for (int n = 1; n <= expected; n++) {
            Cycle c = cycles.get(n);
            String name = "suspend." + mode.stateWord() + "." + n;
            if (c == null) {
                out.add(new ReportCase(className, name, 0, ReportCase.Verdict.SKIPPED, "not reached", "", "", ""));
            } else if (c.resumed == null || c.problem != null) {
                String message = c.problem != null ? "kernel problem during the cycle: " + c.problem
                        : c.suspended == null ? "the guest did not suspend" : c.woken == null
                                ? (mode == SuspendMode.DISK ? "QEMU was not started again after SUSPEND_DISK"
                                        : "the guest did not wake up (no QMP WAKEUP)")
                                : mode == SuspendMode.DISK ? "the guest did not resume from its hibernation image"
                                        : "the guest did not come back after WAKEUP";
                out.add(new ReportCase(className, name, seconds(c.started, last(c)), ReportCase.Verdict.FAILED, message,
                        "kvmboot.suspend", timings(c), ""));
            } else {
                out.add(ReportCase.passed(className, name, seconds(c.started, c.resumed)).withOutput(timings(c) + "\n"));
            }
        }
        return out;
    }

    /** E.g. {@code 3/3 mem cycles resumed (median resume 18 ms)}. */
    synchronized String summary() {
        List<Long> resumes = new ArrayList<>();
        int resumed = 0;
        for (Cycle c : cycles.values()) {
            if (c.resumed != null && c.problem == null) {
                resumed++;
                if (c.woken != null) {
                    resumes.add(millis(c.woken, c.resumed));
                }
            }
        }
        return resumed + "/" + expected + " " + mode.stateWord() + " cycles resumed"
                + (resumes.isEmpty() ? "" : " (median resume " + median(resumes) + " ms)");
    }

    /** The build failure for cycles that did not pass, when the run itself did not already fail. */
    synchronized Optional<String> failure() {
        List<String> failed = new ArrayList<>();
        for (int n = 1; n <= expected; n++) {
            Cycle c = cycles.get(n);
            if (c == null || c.resumed == null || c.problem != null) {
                failed.add("suspend." + mode.stateWord() + "." + n + (c != null && c.problem != null ? ": " + c.problem : ""));
            }
        }
        return failed.isEmpty() ? Optional.empty()
                : Optional.of("Suspend cycles failed (" + summary() + "): " + String.join("; ", failed));
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static String timings(Cycle c) {
        return "suspend " + describe(c.started, c.suspended) + ", suspended " + describe(c.suspended, c.woken)
                + ", resume " + describe(c.woken, c.resumed);
    }

    private static Instant last(Cycle c) {
        for (Instant i : new Instant[] {c.resumed, c.woken, c.suspended}) {
            if (i != null) {
                return i;
            }
        }
        return c.started;
    }

    private static String describe(Instant from, Instant to) {
        return from == null || to == null ? "?" : millis(from, to) + " ms";
    }

    private static long millis(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos()) / 1e9;
    }
}
