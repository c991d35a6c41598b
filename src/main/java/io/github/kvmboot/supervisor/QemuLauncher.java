package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntConsumer;

/**
 * Starts QEMU from a dedicated platform thread that lives until QEMU has exited: Linux delivers
 * the parent-death signal ({@code setpriv --pdeathsig}) when the <em>thread</em> that forked the
 * child ends, so forking from a short-lived thread would kill QEMU early.
 */
final class QemuLauncher {

    private QemuLauncher() {
    }

    /** Starts the process; {@code onExit} receives its exit code on the launcher thread. */
    static Process start(List<String> argv, IntConsumer onExit) throws IOException, InterruptedException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        Thread launcher = new Thread(() -> {
            Process process;
            try {
                process = new ProcessBuilder(argv).start();
            } catch (IOException | RuntimeException e) {
                started.completeExceptionally(e);
                return;
            }
            started.complete(process);
            onExit.accept(waitUninterruptibly(process));
        }, "kvmboot-qemu-launcher");
        launcher.setDaemon(true); // when the JVM dies, this thread dies and pdeathsig stops QEMU
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
                // this thread must outlive QEMU
            }
        }
    }
}
