package io.github.kvmboot.qemu.qmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A QMP server speaking QEMU's wire format on a real unix socket: greeting, then for each
 * command the scripted reply bytes (which may include events before the return, split writes, or
 * closing the connection).
 */
final class FakeQmpPeer implements AutoCloseable {

    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7},"
            + " \"package\": \"Debian 1:7.2+dfsg-7\"}, \"capabilities\": [\"oob\"]}}\r\n";
    static final String CLOSE = "<close>";

    private final ServerSocketChannel server;
    private final Map<String, List<String>> script = new LinkedHashMap<>();
    final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    FakeQmpPeer(Path socket) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        script.put("qmp_capabilities", List.of("{\"return\": {}}\r\n"));
    }

    /** The reply chunks (written with a flush and a short pause between them) for a command. */
    FakeQmpPeer on(String command, String... chunks) {
        script.put(command, List.of(chunks));
        return this;
    }

    FakeQmpPeer start() {
        Thread thread = new Thread(this::serve, "fake-qmp-peer");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void serve() {
        try (SocketChannel channel = server.accept()) {
            OutputStream out = Channels.newOutputStream(channel);
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            write(out, GREETING);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                received.add(line);
                String command = line.replaceAll(".*\"execute\":\"([^\"]+)\".*", "$1");
                for (String chunk : script.getOrDefault(command, List.of(
                        "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command " + command
                                + " has not been found\"}}\r\n"))) {
                    if (chunk.equals(CLOSE)) {
                        done.complete(null);
                        return;
                    }
                    write(out, chunk);
                    Thread.sleep(20);
                }
            }
            done.complete(null);
        } catch (IOException | InterruptedException e) {
            done.completeExceptionally(e);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void awaitDone() throws Exception {
        done.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
