package io.github.kvmboot.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import io.github.kvmboot.ktap.KtapParser;
import io.github.kvmboot.supervisor.GuestListener;

/**
 * Listens to a guest run for the report: when QEMU came up, when the kernel printed its banner,
 * when it started init; the console's last lines; and the console fed to a KTAP parser. Passes
 * every callback on to the next listener.
 */
public final class BootRecorder implements GuestListener {

    /** The kernel's banner, printed first thing in start_kernel. */
    private static final Pattern KERNEL_BANNER = Pattern.compile("Linux version \\S");
    /** "Run /init as init process" (initramfs) or e.g. "Run /sbin/init as init process"; the image freeing comes just before. */
    private static final Pattern INIT = Pattern.compile("Run \\S+ as init process|Freeing unused kernel (?:image|memory)");

    private final GuestListener next;
    private final Optional<KtapParser> ktap;
    private final int tailLines;
    private final Deque<String> tail = new ArrayDeque<>();
    private long startNanos = System.nanoTime();
    private long qemuStarted = -1;
    private long kernelEntered = -1;
    private long initReached = -1;
    private long lines;

    /**
     * @param ktap      the parser to feed, empty to parse nothing
     * @param tailLines how many of the last console lines to keep for the report
     */
    public BootRecorder(GuestListener next, Optional<KtapParser> ktap, int tailLines) {
        this.next = next;
        this.ktap = ktap;
        this.tailLines = tailLines;
    }

    /** Marks the start of the run (call right before starting QEMU); otherwise construction time counts. */
    public synchronized void start() {
        startNanos = System.nanoTime();
    }

    @Override
    public void ptysReady(Map<String, String> labelToPath) {
        mark();
        next.ptysReady(labelToPath);
    }

    @Override
    public void powerEvent(io.github.kvmboot.supervisor.PowerEvent event) {
        next.powerEvent(event);
    }

    @Override
    public void consoleLine(String line) {
        synchronized (this) {
            long now = mark();
            lines++;
            if (kernelEntered < 0 && KERNEL_BANNER.matcher(line).find()) {
                kernelEntered = now;
            }
            if (initReached < 0 && INIT.matcher(line).find()) {
                initReached = now;
            }
            tail.addLast(line);
            if (tail.size() > tailLines) {
                tail.removeFirst();
            }
        }
        ktap.ifPresent(p -> p.accept(line));
        next.consoleLine(line);
    }

    private synchronized long mark() {
        long now = System.nanoTime() - startNanos;
        if (qemuStarted < 0) {
            qemuStarted = now;
        }
        return now;
    }

    public synchronized StageTimes stageTimes() {
        return new StageTimes(at(qemuStarted), at(kernelEntered), at(initReached));
    }

    /** The last console lines (at most {@code tailLines}). */
    public synchronized List<String> consoleTail() {
        return new ArrayList<>(tail);
    }

    public synchronized long consoleLines() {
        return lines;
    }

    public Optional<KtapParser> ktap() {
        return ktap;
    }

    private static OptionalLong at(long nanos) {
        return nanos < 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
    }
}
