package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.log.Durations;
import io.github.kvmboot.qemu.ShellQuoting;
import io.github.kvmboot.supervisor.SupervisorEvent.ConsoleStarted;
import io.github.kvmboot.supervisor.SupervisorEvent.DetachRequested;
import io.github.kvmboot.supervisor.SupervisorEvent.ExpectMatched;
import io.github.kvmboot.supervisor.SupervisorEvent.Exited;
import io.github.kvmboot.supervisor.SupervisorEvent.FailMatched;
import io.github.kvmboot.supervisor.SupervisorEvent.PtyAnnounced;
import io.github.kvmboot.supervisor.SupervisorEvent.QmpEventArrived;
import io.github.kvmboot.supervisor.SupervisorEvent.QmpFailed;
import io.github.kvmboot.supervisor.SupervisorEvent.QmpReady;
import io.github.kvmboot.supervisor.SupervisorEvent.StopRequested;
import io.github.kvmboot.supervisor.SupervisorEvent.UserQuit;

/**
 * One supervised QEMU run: the event loop. Reader threads (stdout, stderr, QMP connect, process
 * exit) and {@link RunningGuest#stop} post to the queue; the loop, on the session's own thread,
 * feeds the {@link GuestJudge} and ends with its verdict, then stops QEMU for sure.
 */
final class GuestSession {

    private static final Duration PTY_REPORT_DELAY = Duration.ofSeconds(1);

    /** The loop's own timers, next to the judge's. */
    private enum Timer { PTY_REPORT, STOP_GRACE, RUN_STATE, EXIT_AFTER_POWER_OFF }

    /**
     * How long QEMU may take to exit after the kernel powered off. QEMU 7.2 sometimes hangs in its
     * exit path (QMP no longer answers, only SIGKILL ends it) when a QMP command was in flight as the
     * guest powered off; seen twice in this project's full test runs. Such a QEMU is ended and the
     * run taken as powered off.
     */
    private static final Duration EXIT_AFTER_POWER_OFF = Duration.ofSeconds(10);

    private final GuestRun run;
    private final BuildLog log;
    private final List<String> launchPrefix;
    private final boolean outlivesExpect;
    private final boolean detachable;
    private boolean detached;
    private final BlockingQueue<SupervisorEvent> events = new LinkedBlockingQueue<>();
    private final ConsoleTranscript transcript = new ConsoleTranscript();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final QemuProcess qemu;
    private PtyReporter ptys;
    private final GuestQmp qmp;
    private final GuestPower power;
    private final HelperDaemons helpers;
    private final SessionFiles files;
    private GuestJudge judge;
    private long startNanos;
    private Thread qmpConnector;
    private boolean exited;
    private boolean qmpSettled;
    private Long stopGraceEnd;
    private Long poweredOffExitDeadline;
    private boolean endedAfterPowerOff;
    private final SessionDebugAids debugAids;

    /**
     * @param outlivesExpect true: the expect pattern only makes the guest ready, it runs on until
     *                       {@link #requestStop} (or it ends by itself); false: the match ends the run
     * @param detachable     QEMU and its helpers may outlive the JVM ({@link #requestDetach}); the
     *                       launch prefix then must not tie them to it
     */
    GuestSession(GuestRun run, BuildLog log, List<String> launchPrefix, boolean outlivesExpect, boolean detachable) {
        this.run = run;
        this.log = log;
        this.launchPrefix = launchPrefix;
        this.outlivesExpect = outlivesExpect;
        this.detachable = detachable;
        this.qemu = new QemuProcess(run, transcript, log, events::add, detachable);
        this.ptys = new PtyReporter(run.outputDirectory(), run.listener(), log);
        this.qmp = new GuestQmp(log, event -> events.add(new QmpEventArrived(event)));
        this.power = new GuestPower(run.power(), log, run.listener());
        this.debugAids = new SessionDebugAids(run.debugging(), qmp, log);
        this.helpers = new HelperDaemons(log);
        this.files = new SessionFiles(run, log);
    }

    GuestRun guestRun() {
        return run;
    }

    ConsoleTranscript transcript() {
        return transcript;
    }

    GuestQmp qmp() {
        return qmp;
    }

    /**
     * Counted down when the expect pattern matched and QMP is settled (connected, failed, or not
     * configured), so that a ready guest's {@link RunningGuest#qmp()} is already there.
     */
    CountDownLatch ready() {
        return ready;
    }

    void requestStop(Duration grace) {
        events.add(new StopRequested(grace));
    }

    /** Ends the supervision of a detachable session, QEMU and its helpers left running. */
    void requestDetach() {
        events.add(new DetachRequested());
    }

    boolean detachable() {
        return detachable;
    }

    /** The whole run: QEMU started, supervised until the verdict, stopped. */
    GuestResult run() throws KvmbootException, InterruptedException {
        files.clearBeforeStart();
        qemu.openConsoleLog();
        log.info("QEMU: " + ShellQuoting.join(run.command()));
        startNanos = System.nanoTime();
        judge = new GuestJudge(run, transcript, this::facts, log, startNanos);
        try {
            try {
                helpers.start(run.helpers(), detachable);
                qemu.start(launchPrefix);
            } catch (IOException e) {
                throw judge.notStarted(e.getMessage());
            }
            connectQmp();
            return supervise();
        } finally {
            shutDown();
        }
    }

    private void connectQmp() {
        if (run.qmpSocket().isPresent()) {
            qmpConnector = new Thread(new QmpConnector(run.qmpSocket().get(), run.controlSocket(), qemu.handle(), log, events::add),
                    "kvmboot-qmp-connect");
            qmpConnector.setDaemon(true);
            qmpConnector.start();
        }
    }

    /**
     * QEMU exited after the guest hibernated (SUSPEND_DISK): the same command again, with the same
     * disks, so that the guest's init finds the image on its swap disk and resumes from it. The
     * console transcript, the verdict's timers and the power events go on; QMP, the ptys and the
     * guest record are the new QEMU's.
     */
    private void startAgain() throws KvmbootException, InterruptedException {
        judge.qemuStartsAgain();
        qmp.disconnected();
        if (qmpConnector != null) {
            qmpConnector.interrupt();
            QemuProcess.joinBriefly(qmpConnector);
            qmpConnector = null;
        }
        ptys = new PtyReporter(run.outputDirectory(), run.listener(), log);
        exited = false;
        try {
            qemu.startAgain(launchPrefix);
        } catch (IOException e) {
            throw judge.notStarted(e.getMessage());
        }
        power.restarted();
        connectQmp();
    }

    private GuestJudge.Facts facts() {
        return new GuestJudge.Facts(qemu.pid(), ptys.ptys(), Duration.ofNanos(System.nanoTime() - startNanos),
                qemu.warnings(), qemu.stderrTail(), power.events(), power.suspendedState());
    }

    private GuestResult supervise() throws KvmbootException, InterruptedException {
        long ptyReportAt = System.nanoTime() + PTY_REPORT_DELAY.toNanos();
        while (true) {
            Deadlines<Object> deadlines = new Deadlines<>();
            long silentSince = debugAids.halts().silentSince(power.silenceSince(qemu.lastOutputNanos()));
            judge.addTimers(deadlines, silentSince, outlivesExpect && judge.expectSeen(), power.suspended(),
                    debugAids.halts().haltedNanos());
            // no QMP commands once the guest powered off: a command in flight can hang QEMU's exit
            power.addTimers(deadlines, !exited && qmp.client().isPresent() && poweredOffExitDeadline == null);
            if (poweredOffExitDeadline != null && !exited) {
                deadlines.add(Timer.EXIT_AFTER_POWER_OFF, poweredOffExitDeadline);
            }
            if (!ptys.reported() && qmpConnector == null) {
                deadlines.add(Timer.PTY_REPORT, ptyReportAt);
            }
            if (stopGraceEnd != null) {
                deadlines.add(Timer.STOP_GRACE, stopGraceEnd);
            }
            debugAids.nextPoll().ifPresent(at -> deadlines.add(Timer.RUN_STATE, at));
            SupervisorEvent event = deadlines.any()
                    ? events.poll(deadlines.nanosUntilEarliest(System.nanoTime()), TimeUnit.NANOSECONDS)
                    : events.take();
            if (event != null) {
                Optional<GuestResult> done = handle(event);
                if (done.isPresent()) {
                    return done.get();
                }
                continue;
            }
            Optional<Object> expired = deadlines.firstExpired(System.nanoTime());
            if (expired.isPresent() && expired.get() instanceof GuestJudge.Timer timer) {
                if (timer != GuestJudge.Timer.FAIL_CONTEXT && debugAids.haltedForDebugger()) {
                    continue; // the deadlines move by the time it stood halted
                }
                qmp.eventNamesSoFar().ifPresent(judge::qmpEvents);
                if (timer == GuestJudge.Timer.FAIL_CONTEXT) {
                    debugAids.dumpMemory(judge);
                }
                throw judge.expired(timer);
            }
            if (expired.isPresent() && expired.get() instanceof GuestPower.Timer timer) {
                power.fire(timer, qmp);
                continue;
            }
            if (expired.isPresent() && expired.get() == Timer.RUN_STATE) {
                // a fail pattern's context wait ends with the dump (FAIL_CONTEXT above)
                if (debugAids.pollFindsPanicToDump() && !judge.failureSeen()) {
                    qmp.eventNamesSoFar().ifPresent(judge::qmpEvents);
                    debugAids.dumpMemory(judge);
                    throw judge.crashed();
                }
                continue;
            }
            if (expired.isPresent() && expired.get() == Timer.STOP_GRACE) {
                log.info("The guest did not power off within the grace period: stopping QEMU");
                return judge.stopped(null);
            }
            if (expired.isPresent() && expired.get() == Timer.EXIT_AFTER_POWER_OFF) {
                log.warn("QEMU did not exit within " + Durations.describe(EXIT_AFTER_POWER_OFF) + " after the guest"
                        + " powered off (a QEMU hang in its exit path): ending it");
                endedAfterPowerOff = true;
                poweredOffExitDeadline = null;
                qemu.stop(null);
                continue;
            }
            if (expired.isPresent() && expired.get() == Timer.PTY_REPORT) {
                ptys.report();
            }
        }
    }

    /** One event, while QEMU runs or (drained after it exited) late: a verdict ends the loop. */
    private Optional<GuestResult> handle(SupervisorEvent event) throws KvmbootException, InterruptedException {
        if (event instanceof PtyAnnounced announced) {
            ptys.announced(announced.mapping());
        } else if (event instanceof ConsoleStarted) {
            if (!exited && qmpConnector == null && !ptys.reported()) {
                ptys.report();
            }
        } else if (event instanceof ExpectMatched) {
            judge.expectMatched();
            if (judge.expectSeen()) {
                countDownReadyWhenQmpSettled();
                if (!exited && !outlivesExpect) {
                    return Optional.of(judge.expectReached());
                }
            }
        } else if (event instanceof QmpEventArrived arrived) {
            power.onQmpEvent(arrived.event());
        } else if (event instanceof FailMatched failed) {
            judge.failMatched(failed.line(), System.nanoTime());
        } else if (event instanceof QmpReady qmpReady) {
            qmp.adopt(qmpReady.client());
            if (!exited && run.power().needsHostWakeup() && qmp.wakeupSupported().filter(ok -> !ok).isPresent()) {
                throw judge.cannotWake();
            }
            if (!exited) {
                ptys.confirm(qmpReady.chardevs());
                ptys.report();
                files.writeGuestRecord(qemu.pid(), helpers.records());
            }
            qmpSettled = true;
            countDownReadyWhenQmpSettled();
        } else if (event instanceof QmpFailed qmpFailed) {
            qmpSettled = true;
            countDownReadyWhenQmpSettled();
            if (exited) {
                return Optional.empty(); // QEMU is gone: nothing to report or warn about
            }
            log.warn("QMP: " + qmpFailed.reason() + "; using the pty lines QEMU printed");
            if (!ptys.reported() && qemu.isAlive()) {
                ptys.report();
            }
        } else if (event instanceof StopRequested stop) {
            if (!exited && stopGraceEnd == null) {
                if (!qmp.powerDown()) {
                    return Optional.of(judge.stopped(null));
                }
                log.info("Powering the guest down (ACPI), waiting up to " + Durations.describe(stop.grace()));
                stopGraceEnd = System.nanoTime() + stop.grace().toNanos();
            }
        } else if (event instanceof DetachRequested) {
            if (!exited && detachable) {
                qmp.eventNamesSoFar().ifPresent(judge::qmpEvents);
                GuestResult leftRunning = judge.leftRunning();
                detached = true;
                return Optional.of(leftRunning);
            }
        } else if (event instanceof UserQuit) {
            if (!exited) {
                qemu.restoreTerminal();
                log.info("kvmboot: Ctrl-A x: stopping the guest");
                qmp.eventNamesSoFar().ifPresent(judge::qmpEvents);
                return Optional.of(judge.userQuit());
            }
        } else if (event instanceof SupervisorEvent.GuestPoweredOff) {
            if (!exited) {
                poweredOffExitDeadline = System.nanoTime() + EXIT_AFTER_POWER_OFF.toNanos();
            }
        } else if (event instanceof Exited exitedEvent) {
            return afterExit(endedAfterPowerOff ? 0 : exitedEvent.exitCode());
        }
        return Optional.empty();
    }

    /**
     * QEMU exited by itself: read what it wrote last (the same handling as while it ran), then
     * decide, or start it again for a guest that hibernated to be resumed.
     */
    private Optional<GuestResult> afterExit(int exitCode) throws KvmbootException, InterruptedException {
        exited = true;
        qemu.awaitReaders();
        for (SupervisorEvent late = events.poll(); late != null; late = events.poll()) {
            handle(late);
        }
        qmp.lastEventNames().ifPresent(judge::qmpEvents);
        for (SupervisorEvent late = events.poll(); late != null; late = events.poll()) {
            handle(late); // the power events QEMU sent last (SUSPEND_DISK before it powers off)
        }
        if (power.awaitsRestart() && stopGraceEnd == null && !judge.failureSeen()) {
            startAgain();
            return Optional.empty();
        }
        debugAids.exitedBeforeDump(judge, exitCode);
        return Optional.of(stopGraceEnd != null ? judge.stopped(exitCode) : judge.afterExit(exitCode));
    }

    private void countDownReadyWhenQmpSettled() {
        if (judge.expectSeen() && (qmpSettled || run.qmpSocket().isEmpty())) {
            ready.countDown();
        }
    }

    private void shutDown() {
        boolean interrupted = Thread.interrupted();
        try {
            if (qmpConnector != null) {
                qmpConnector.interrupt();
                QemuProcess.joinBriefly(qmpConnector);
            }
            for (SupervisorEvent pending = events.poll(); pending != null; pending = events.poll()) {
                if (pending instanceof QmpReady qmpReady) {
                    QemuProcess.closeQuietly(qmpReady.client());
                }
            }
            if (detached) {
                qmp.close();
                qemu.detach();
                helpers.detach();
                transcript.end();
                return; // QEMU, its sockets, pid file and guest.json stay for a later kvmboot:stop
            }
            if (qemu.started()) {
                qemu.stop(qmp.forQuit());
                interrupted |= Thread.interrupted();
                qmp.close();
                qemu.close();
            } else {
                qemu.close();
            }
            helpers.stop();
            interrupted |= Thread.interrupted();
            transcript.end();
            files.removeAfterEnd();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
