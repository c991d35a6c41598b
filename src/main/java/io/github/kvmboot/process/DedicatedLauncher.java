package io.github.kvmboot.process;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;

/**
 * Starts a child (QEMU, a helper daemon) from a dedicated platform thread that lives until the
 * child has exited: Linux delivers the parent-death signal ({@code setpriv --pdeathsig}, see
 * {@link ParentDeathSignal}) when the <em>thread</em> that forked the child ends, so forking from a
 * short-lived thread would kill the child early.
 */
public final class DedicatedLauncher {

    private DedicatedLauncher() {
    }

    /** Starts the process; {@code onExit} receives its exit code on the launcher thread. */
    public static Process start(ProcessBuilder builder, String threadName, IntConsumer onExit)
            throws IOException, InterruptedException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread launcher = new Thread(() -> {
            Process process;
            try {
                process = builder.start();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(process);
            onExit.accept(waitUninterruptibly(process));
        }, threadName);
        launcher.setDaemon(true); // when the JVM dies, this thread dies and pdeathsig stops the child
        launcher.start();
        try {
            return started.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().toString(), e.getCause());
        }
    }

    private static int waitUninterruptibly(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException keepWaiting) {
                // this thread must outlive the child
            }
        }
    }
}
