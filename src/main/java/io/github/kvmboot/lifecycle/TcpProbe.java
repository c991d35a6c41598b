package io.github.kvmboot.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Whether the guest side of a user-mode forward answers. slirp accepts on the host even when
 * nothing listens in the guest; once the guest's TCP stack is up, it closes the connection as soon
 * as the guest refused it (read() sees end of stream within ~5 ms, measured), while a listener
 * keeps it open (or sends a banner). Before the guest's network is up, though, slirp keeps every
 * connection open while it retries (measured: "ready" 0.8 s after QEMU started, long before the
 * kernel booted). So a port counts only after a canary forward to a port closed in the guest was
 * refused: the guest's stack answers.
 */
final class TcpProbe {

    /** How long an accepted connection must stay open: the guest's refusal came within ~100 ms (measured). */
    static final Duration HOLD = Duration.ofMillis(500);

    private TcpProbe() {
    }

    /** True when the guest refuses the canary (its TCP stack is up) and {@code hostPort} {@link #answers}. */
    static boolean answersAfterCanary(int canaryPort, int hostPort) {
        return refused(canaryPort) && answers(hostPort);
    }

    /** True when slirp accepted and then closed the connection: the guest refused it. */
    static boolean refused(int hostPort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort), 1000);
            socket.setSoTimeout((int) HOLD.toMillis());
            return socket.getInputStream().read() < 0;
        } catch (IOException timeoutOrReset) {
            return false;
        }
    }

    /** True when the connection to 127.0.0.1:{@code hostPort} got data or stayed open for {@link #HOLD}. */
    static boolean answers(int hostPort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), hostPort), 1000);
            socket.setSoTimeout((int) HOLD.toMillis());
            InputStream in = socket.getInputStream();
            try {
                return in.read() >= 0;
            } catch (SocketTimeoutException stillOpen) {
                return true;
            }
        } catch (IOException refusedOrReset) {
            return false;
        }
    }
}
