package io.github.kvmboot.supervisor;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.qmp.Chardev;
import io.github.kvmboot.qemu.qmp.QmpClient;

/**
 * Connects to QEMU's QMP socket on its own thread (QEMU may take a moment to create it, or die
 * first), restricts the socket to its owner as soon as it exists (the control socket for other
 * processes too, which QEMU has created once it answers), and hands the connected client and the
 * chardev list to the supervisor as an event.
 */
final class QmpConnector implements Runnable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path socket;
    private final Optional<Path> controlSocket;
    private final ProcessHandle qemu;
    private final BuildLog log;
    private final Consumer<SupervisorEvent> events;

    QmpConnector(Path socket, Optional<Path> controlSocket, ProcessHandle qemu, BuildLog log,
            Consumer<SupervisorEvent> events) {
        this.socket = socket;
        this.controlSocket = controlSocket;
        this.qemu = qemu;
        this.log = log;
        this.events = events;
    }

    @Override
    public void run() {
        try {
            long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
            awaitSocket(deadline);
            restrictToOwner(socket);
            QmpClient client = QmpClient.connect(socket, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            try {
                List<Chardev> chardevs = client.queryChardevs();
                if (controlSocket.isPresent()) {
                    restrictToOwner(controlSocket.get());
                }
                events.accept(new SupervisorEvent.QmpReady(client, chardevs));
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            events.accept(new SupervisorEvent.QmpFailed(String.valueOf(e.getMessage())));
        }
    }

    private void awaitSocket(long deadline) throws IOException {
        while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            if (!qemu.isAlive()) {
                throw new IOException("QEMU exited before creating its QMP socket " + socket);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("QEMU did not create its QMP socket " + socket + " within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + socket);
            }
        }
    }

    private void restrictToOwner(Path socket) throws IOException {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS);
        if (before.equals(OWNER_ONLY)) {
            return;
        }
        Files.setPosixFilePermissions(socket, OWNER_ONLY);
        String message = "QMP socket " + socket + " was created with mode " + PosixFilePermissions.toString(before)
                + " (QEMU's umask); restricted it to rw-------";
        if (before.contains(PosixFilePermission.GROUP_WRITE) || before.contains(PosixFilePermission.OTHERS_WRITE)) {
            log.warn(message + ": other users could connect to it until then");
        } else {
            log.debug(message);
        }
    }
}
