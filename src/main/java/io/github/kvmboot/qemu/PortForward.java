package io.github.kvmboot.qemu;

/**
 * A TCP port of the guest reachable on the host's loopback address (user-mode networking's
 * {@code hostfwd}). Only loopback: nothing else on the network reaches the guest.
 */
public record PortForward(int hostPort, int guestPort) {

    public PortForward {
        checkPort(hostPort, "host");
        checkPort(guestPort, "guest");
    }

    /** The value of QEMU's {@code hostfwd=} option. */
    String hostfwd() {
        return "tcp:127.0.0.1:" + hostPort + "-:" + guestPort;
    }

    private static void checkPort(int port, String side) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(side + " port must be 1..65535, got " + port);
        }
    }
}
