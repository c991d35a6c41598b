package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.log.Durations;

/**
 * The session's part of {@link Debugging}: it asks QEMU for the guest's run state every second,
 * keeps the time it stood halted for a debugger ({@link DebuggerHalts}), and writes the memory
 * dump when the guest panicked ({@link MemoryDump}).
 */
final class SessionDebugAids {

    private static final Duration RUN_STATE_POLL = Duration.ofSeconds(1);
    private static final Duration DUMP_LIMIT = Duration.ofMinutes(10);

    private final Debugging debugging;
    private final GuestQmp qmp;
    private final BuildLog log;
    private final DebuggerHalts halts = new DebuggerHalts();
    private long nextPoll = System.nanoTime();

    SessionDebugAids(Debugging debugging, GuestQmp qmp, BuildLog log) {
        this.debugging = debugging;
        this.qmp = qmp;
        this.log = log;
    }

    /** When the run state is due to be read next; empty when nothing needs it (or there is no QMP yet). */
    Optional<Long> nextPoll() {
        return debugging.watchesRunState() && qmp.client().isPresent() ? Optional.of(nextPoll) : Optional.empty();
    }

    DebuggerHalts halts() {
        return halts;
    }

    /** The scheduled poll: true when QEMU paused the guest on a panic and a dump is wanted. */
    boolean pollFindsPanicToDump() {
        nextPoll = System.nanoTime() + RUN_STATE_POLL.toNanos();
        Optional<String> state = observe();
        return debugging.vmcore().isPresent() && state.filter("guest-panicked"::equals).isPresent();
    }

    /** With a gdb stub: whether QEMU reports the guest halted (gdb stopped it, or -S before it started). */
    boolean haltedForDebugger() {
        return debugging.debuggerAttachable() && observe().filter(DebuggerHalts::isHalted).isPresent();
    }

    /** With kvmboot.dumpOnPanic, once: pause the guest and write its memory, before the verdict stops QEMU. */
    void dumpMemory(GuestJudge judge) {
        Optional<Path> vmcore = debugging.vmcore();
        if (vmcore.isEmpty() || judge.dumped()) {
            return;
        }
        log.info("kvmboot: writing the guest's memory to " + vmcore.get() + " ...");
        long started = System.nanoTime();
        try {
            Vmcore written = qmp.dump(vmcore.get(), DUMP_LIMIT);
            judge.dumped(written);
            log.info("kvmboot: wrote " + written.file() + " (" + written.mebibytes() + " MiB, " + written.bytes()
                    + " bytes) in " + Durations.describe(Duration.ofNanos(System.nanoTime() - started))
                    + "; open it with " + MemoryDump.howToOpen(written, debugging.vmlinux()));
        } catch (IOException e) {
            log.warn("kvmboot: could not dump the guest's memory to " + vmcore.get() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("kvmboot: interrupted while dumping the guest's memory to " + vmcore.get());
        }
    }

    /** After QEMU exited by itself: say so when a wanted dump could not be written. */
    void exitedBeforeDump(GuestJudge judge, int exitCode) {
        if (debugging.vmcore().isPresent() && !judge.dumped() && judge.failureSeen()) {
            log.warn("kvmboot: QEMU exited (code " + exitCode + ") before the guest's memory could be dumped");
        }
    }

    private Optional<String> observe() {
        Optional<String> state = qmp.runState();
        state.ifPresent(st -> halts.observe(st, System.nanoTime()));
        return state;
    }
}
