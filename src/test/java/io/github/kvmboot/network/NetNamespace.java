package io.github.kvmboot.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace made for one test, with a veth pair as its "uplink" whose peer sits in a
 * second namespace of its own: nothing the test does touches the host's interfaces or rules.
 * {@link #close()} deletes both namespaces (and with them the veth pair and any tap inside).
 */
final class NetNamespace implements AutoCloseable {

    final String name;
    final String peer;
    final String uplink = "kvmup0";

    NetNamespace() throws IOException, InterruptedException {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        name = "kvmboot-t-" + id;
        peer = "kvmboot-p-" + id;
        host("ip", "netns", "add", name);
        try {
            host("ip", "netns", "add", peer);
            host("ip", "link", "add", "name", uplink, "netns", name, "type", "veth", "peer", "name", "kvmup1", "netns", peer);
            exec("ip", "link", "set", "lo", "up");
            exec("ip", "link", "set", uplink, "up");
            exec("ip", "addr", "add", "10.253.0.2/24", "dev", uplink);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Runs the command inside the namespace; fails unless it exits 0; returns stdout+stderr. */
    String exec(String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        return run(argv, true);
    }

    /** The namespace's iptables-save without its "# Generated/Completed ... on <date>" comment lines. */
    String iptablesSave() throws IOException, InterruptedException {
        return exec("iptables-save").lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    String ipForward() throws IOException, InterruptedException {
        return exec("cat", "/proc/sys/net/ipv4/ip_forward");
    }

    private static String host(String... command) throws IOException, InterruptedException {
        return run(List.of(command), true);
    }

    static String run(List<String> argv, boolean check) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(argv + " hung");
        }
        if (check && p.exitValue() != 0) {
            throw new IOException(argv + " failed (exit " + p.exitValue() + "): " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("ip", "netns", "del", name), false);
        run(List.of("ip", "netns", "del", peer), false);
    }
}
