package io.github.kvmboot.log;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says what kvmboot is doing when a step takes longer than a moment, and nothing when it is quick:
 * {@code try (SlowStep step = SlowStep.start(log, "checking guest.qcow2 (qemu-img check)")) { ... }}.
 */
public final class SlowStep implements AutoCloseable {

    /** Steps quicker than this go unmentioned. */
    public static final Duration AFTER = Duration.ofSeconds(1);

    private final AtomicBoolean finished = new AtomicBoolean();

    private SlowStep() {
    }

    /** Logs {@code "kvmboot: " + doing + " ..."} at info level if the step is still running after {@link #AFTER}. */
    public static SlowStep start(BuildLog log, String doing) {
        return start(log, doing, AFTER);
    }

    static SlowStep start(BuildLog log, String doing, Duration after) {
        SlowStep step = new SlowStep();
        CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!step.finished.get()) {
                log.info("kvmboot: " + doing + " ...");
            }
        });
        return step;
    }

    @Override
    public void close() {
        finished.set(true);
    }
}
