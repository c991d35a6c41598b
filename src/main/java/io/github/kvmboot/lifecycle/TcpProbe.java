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
 * nothing listens in the guest; it then closes the connection as soon as the guest refused it
 * (read() sees end of stream). A listener in the guest keeps it open (or sends a banner).
 */
final class TcpProbe {

    /** How long an accepted connection must stay open: the guest's refusal came within ~100 ms (measured). */
    static final Duration HOLD = Duration.ofMillis(500);

    private TcpProbe() {
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
