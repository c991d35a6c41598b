package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.network.FreePort;
import io.github.kvmboot.network.GuestMac;
import io.github.kvmboot.qemu.PortForward;
import io.github.kvmboot.qemu.QemuCommandBuilder;

/**
 * kvmboot.network, vdeSocket, mac and forward: the guest's one NIC on the VDE switch, on user-mode
 * networking with ssh and the kvmboot.forward ports forwarded from loopback ports, or none. Decided
 * (and checked) once, before any image is created; free ports are taken when the command line is
 * written. A VDE guest needs no forward: it has its own address on the switch.
 */
final class NetworkPlanner {

    enum NetworkMode { AUTO, VDE, USER, NONE }

    /** The decided network; {@code mode} is never AUTO, {@code mac} is empty only without a NIC. */
    /**
     * @param canary forward a free host port to {@link #CANARY_GUEST_PORT} as well: start's tcp
     *               readiness probe needs a port that is closed in the guest (see TcpProbe)
     */
    record Network(NetworkMode mode, Path vdeSocket, Optional<String> mac, List<ForwardRequests.Request> forwards,
            boolean canary) {
        boolean user() {
            return mode == NetworkMode.USER;
        }
    }

    private static final String NETDEV = "net0";
    private static final int GUEST_SSH_PORT = 22;
    /** tcpmux: nothing listens there in a test guest; its refusal shows the guest's TCP stack is up. */
    static final int CANARY_GUEST_PORT = 1;

    private final HostEnvironment host;

    NetworkPlanner(HostEnvironment host) {
        this.host = host;
    }

    /** @param macSource what the MAC is derived from without kvmboot.mac: the first disk, else the output directory */
    Network plan(ResolvedSettings s, Path macSource) throws SettingException {
        NetworkMode mode = s.choice(NETWORK, NetworkMode.class);
        Path vdeSocket = host.resolve(s.required(VDE_SOCKET, "set kvmboot.vdeSocket to the VDE switch's control socket"));
        if (mode == NetworkMode.AUTO) {
            mode = Files.exists(vdeSocket) ? NetworkMode.VDE : NetworkMode.USER;
        }
        List<ForwardRequests.Request> forwards = ForwardRequests.parse(s);
        if (!forwards.isEmpty() && mode != NetworkMode.USER) {
            throw s.invalid(FORWARD, "forwards need user-mode networking, the network is " + mode.name().toLowerCase(Locale.ROOT),
                    mode == NetworkMode.VDE ? "a VDE guest has its own address on the switch: reach it there and"
                            + " drop kvmboot.forward, or set kvmboot.network=user" : "set kvmboot.network=user");
        }
        if (mode == NetworkMode.NONE) {
            return new Network(mode, vdeSocket, Optional.empty(), forwards, false);
        }
        String mac = mac(s, macSource);
        if (mode == NetworkMode.VDE && !Files.exists(vdeSocket)) {
            throw s.invalid(NETWORK, "vde needs the switch socket " + vdeSocket + ", which does not exist",
                    "start the switch (sudo mvn kvmboot:setup-switch), point kvmboot.vdeSocket at it, or use"
                            + " kvmboot.network=user");
        }
        boolean canary = mode == NetworkMode.USER && s.optional(WAIT_FOR).map(w -> w.contains("tcp:")).orElse(false)
                && forwards.stream().noneMatch(f -> f.guestPort() == CANARY_GUEST_PORT);
        return new Network(mode, vdeSocket, Optional.of(mac), forwards, canary);
    }

    /** Adds the network to the command line; returns the forwards (ssh's first, the canary last), empty without user-mode networking. */
    List<PortForward> addTo(QemuCommandBuilder builder, Network network) {
        switch (network.mode()) {
            case NONE -> {
                builder.noNetwork();
                return List.of();
            }
            case VDE -> {
                builder.vdeNetdev(NETDEV, network.vdeSocket()).virtioNic(NETDEV, network.mac().orElseThrow());
                return List.of();
            }
            default -> {
                List<PortForward> forwards = new ArrayList<>();
                if (network.forwards().stream().noneMatch(f -> f.guestPort() == GUEST_SSH_PORT)) {
                    forwards.add(new PortForward(FreePort.onLoopback(), GUEST_SSH_PORT));
                }
                for (ForwardRequests.Request request : network.forwards()) {
                    forwards.add(new PortForward(request.hostPort().orElseGet(() -> freePortNotIn(forwards)),
                            request.guestPort()));
                }
                forwards.sort(Comparator.comparing(f -> f.guestPort() != GUEST_SSH_PORT));
                if (network.canary()) {
                    forwards.add(new PortForward(freePortNotIn(forwards), CANARY_GUEST_PORT));
                }
                builder.userNetdev(NETDEV, forwards).virtioNic(NETDEV, network.mac().orElseThrow());
                return List.copyOf(forwards);
            }
        }
    }

    /** The host port forwarded to the guest's ssh port, if any. */
    static OptionalInt sshPort(List<PortForward> forwards) {
        return forwards.stream().filter(f -> f.guestPort() == GUEST_SSH_PORT).mapToInt(PortForward::hostPort).findFirst();
    }

    private static int freePortNotIn(List<PortForward> taken) {
        while (true) {
            int port = FreePort.onLoopback();
            if (taken.stream().noneMatch(f -> f.hostPort() == port)) {
                return port;
            }
        }
    }

    /** kvmboot.mac, else stable per target image (per output directory for kernel-only boots). */
    private static String mac(ResolvedSettings s, Path macSource) throws SettingException {
        Optional<String> given = s.optional(MAC);
        if (given.isPresent()) {
            String problem = GuestMac.problem(given.get().trim());
            if (problem != null) {
                throw s.invalid(MAC, problem, "give a unicast MAC such as 52:54:00:12:34:56, or unset it for one derived from the image");
            }
            return given.get().trim().toLowerCase(Locale.ROOT);
        }
        return GuestMac.forPath(macSource);
    }
}
