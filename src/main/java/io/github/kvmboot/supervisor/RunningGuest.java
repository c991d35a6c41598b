package io.github.kvmboot.supervisor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.qmp.QmpClient;

/**
 * A supervised guest whose event loop runs on its own thread, so that it can outlive the goal that
 * started it ({@link GuestSupervisor#start}); later goals find it in {@link RunningGuests}. Its end
 * (whatever ends it) is judged once, written to {@code result.json}, and removes it from the registry.
 */
public final class RunningGuest {

    private final GuestSession session;
    private final Path outputDirectory;
    private final CompletableFuture<GuestResult> end = new CompletableFuture<>();
    private Thread loop;

    private RunningGuest(GuestSession session) {
        this.session = session;
        this.outputDirectory = RunningGuests.key(session.guestRun().outputDirectory());
    }

    static RunningGuest start(GuestSession session, BuildLog log) throws KvmbootException {
        RunningGuest guest = new RunningGuest(session);
        RunningGuests.register(guest);
        guest.loop = new Thread(() -> guest.supervise(log), "kvmboot-guest " + guest.outputDirectory.getFileName());
        guest.loop.setDaemon(true); // a JVM that ends anyway stops QEMU through the shutdown hook and pdeathsig
        guest.loop.start();
        return guest;
    }

    private void supervise(BuildLog log) {
        GuestResult result = null;
        Throwable failure = null;
        try {
            result = session.run();
            ResultFile.write(session.guestRun().outputDirectory(), result, log);
        } catch (GuestFailureException e) {
            ResultFile.write(session.guestRun().outputDirectory(), e.result(), log);
            failure = e;
        } catch (Exception | Error e) {
            failure = e;
        }
        RunningGuests.remove(this); // before the end is known: whoever waited may start the next guest here
        if (failure == null) {
            end.complete(result);
        } else {
            end.completeExceptionally(failure);
        }
    }

    /** The absolute, normalized output directory: the registry key. */
    public Path outputDirectory() {
        return outputDirectory;
    }

    /** True until the run ended and QEMU is gone. */
    public boolean isRunning() {
        return !end.isDone();
    }

    /**
     * Waits until the expect pattern matched.
     *
     * @return false when {@code timeout} passed first
     * @throws GuestFailureException when the run ended (and failed) before; a run that passed without
     *         the match (QEMU exited with code 0) returns false
     */
    public boolean awaitReady(Duration timeout) throws KvmbootException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!session.ready().await(Math.min(50_000_000L, Math.max(0, deadline - System.nanoTime())),
                TimeUnit.NANOSECONDS)) {
            if (end.isDone()) {
                awaitEnd();
                return session.ready().getCount() == 0;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The first console line (the last 200 seen so far, then new ones) matching {@code pattern}. */
    public Optional<String> awaitConsole(Pattern pattern, Duration timeout) throws InterruptedException {
        return session.transcript().awaitMatch(pattern, timeout).map(LineSplitter.Line::text);
    }

    /** The QMP connection once made (the run has a QMP socket and QEMU answered). Do not close it. */
    public Optional<QmpClient> qmp() {
        return session.qmp().client();
    }

    /**
     * Waits for the run's own end (expect pattern, fail pattern, timeout, QEMU exiting, or a stop).
     * Interrupted, it stops the guest first, then throws.
     */
    public GuestResult awaitEnd() throws KvmbootException, InterruptedException {
        try {
            return end.get();
        } catch (InterruptedException e) {
            loop.interrupt();
            awaitEndUninterruptibly();
            throw e;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /**
     * Ends the run: ACPI power-down through QMP ({@code system_powerdown}), up to {@code grace} for the
     * guest to power off, then QMP quit, SIGTERM, SIGKILL. Returns the judgement of the whole life
     * ({@link Outcome#STOPPED} unless a failure was seen); a run that had ended already returns its end.
     */
    public GuestResult stop(Duration grace) throws KvmbootException, InterruptedException {
        session.requestStop(grace);
        return awaitEnd();
    }

    /** Started by {@link GuestSupervisor#startDetachable}: {@link #detach} leaves it running. */
    public boolean detachable() {
        return session.detachable();
    }

    /**
     * Ends the supervision of a detachable guest, QEMU left running (its sockets, pid file and
     * {@code guest.json} stay for a later {@code kvmboot:stop}): returns the judgement of its life so
     * far ({@link Outcome#LEFT_RUNNING} unless a failure was seen); a run that had ended already
     * returns its end.
     */
    public GuestResult detach() throws KvmbootException, InterruptedException {
        session.requestDetach();
        return awaitEnd();
    }

    private void awaitEndUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                end.handle((r, t) -> null).get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException cannotHappen) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop's exception itself (its stack trace is the loop thread's). */
    private static KvmbootException rethrown(Throwable cause) throws InterruptedException {
        if (cause instanceof KvmbootException kvmboot) {
            return kvmboot;
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new KvmbootException("guest supervision failed: " + cause, cause);
    }
}
