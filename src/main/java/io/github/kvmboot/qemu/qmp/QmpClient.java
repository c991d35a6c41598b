package io.github.kvmboot.qemu.qmp;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A synchronous QMP client over a unix socket: one command at a time, each waiting for its
 * {@code return} or {@code error}. Asynchronous events that arrive meanwhile are recorded
 * ({@link #events()}) and handed to the event listener, never returned to the caller.
 * Not thread-safe: use it from one thread.
 */
public final class QmpClient implements Closeable {

    private static final Duration RETRY_INTERVAL = Duration.ofMillis(20);
    private static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();
    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private byte[] pending = new byte[8192];
    private int pendingLength;
    private volatile Consumer<JsonNode> eventListener = event -> { };
    private Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;
    private JsonNode greeting;

    private QmpClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    /**
     * Connects to a QMP server socket, retrying until it exists and accepts within {@code timeout}
     * (QEMU creates it shortly after it starts), then reads the greeting and negotiates
     * capabilities.
     */
    public static QmpClient connect(Path socket, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel channel = openWhenAccepting(socket, deadline, timeout);
        QmpClient client = null;
        try {
            client = new QmpClient(channel);
            client.handshake();
            return client;
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.close();
            } else {
                channel.close();
            }
            throw e;
        }
    }

    private static SocketChannel openWhenAccepting(Path socket, long deadline, Duration timeout) throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(socket);
        while (true) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(address);
                return channel;
            } catch (IOException notYet) {
                channel.close();
                if (System.nanoTime() - deadline >= 0) {
                    throw new IOException("QMP socket " + socket + " did not accept a connection within "
                            + timeout.toMillis() + " ms: " + notYet.getMessage(), notYet);
                }
            }
            try {
                Thread.sleep(RETRY_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while connecting to QMP socket " + socket);
            }
        }
    }

    private void handshake() throws IOException {
        JsonNode first = readMessage(deadlineAfter(replyTimeout), "greeting");
        if (!first.has("QMP")) {
            throw new IOException("not a QMP greeting: " + first);
        }
        greeting = first;
        execute("qmp_capabilities");
    }

    /** The server's greeting, e.g. {@code {"QMP":{"version":{...},"capabilities":[...]}}}. */
    public JsonNode greeting() {
        return greeting;
    }

    /** How long {@link #execute} waits for a reply (default 30 s). */
    public void setReplyTimeout(Duration timeout) {
        this.replyTimeout = Objects.requireNonNull(timeout);
    }

    /** Called (on the thread that runs commands) for each event, in arrival order. */
    public void onEvent(Consumer<JsonNode> listener) {
        this.eventListener = Objects.requireNonNull(listener);
    }

    /** All events received so far, e.g. {@code {"event":"SHUTDOWN","data":{"reason":"guest-shutdown"}}}. */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    public JsonNode execute(String command) throws IOException {
        return execute(command, Map.of());
    }

    /** Runs a command and returns its {@code return} node; throws {@link QmpException} on an {@code error} reply. */
    public JsonNode execute(String command, Map<String, Object> arguments) throws IOException {
        ObjectNode request = json.createObjectNode().put("execute", command);
        if (!arguments.isEmpty()) {
            request.set("arguments", json.valueToTree(arguments));
        }
        send(request);
        long deadline = deadlineAfter(replyTimeout);
        while (true) {
            JsonNode message = readMessage(deadline, "reply to '" + command + "'");
            if (message.has("return")) {
                return message.get("return");
            }
            if (message.has("error")) {
                JsonNode error = message.get("error");
                throw new QmpException(command, error.path("class").asText("?"), error.path("desc").asText("?"));
            }
            if (message.has("event")) {
                events.add(message);
                eventListener.accept(message);
            }
        }
    }

    /**
     * After QEMU exited (or while it shuts down): reads the events it sent before closing the
     * socket, until end of stream or {@code timeout}. Never throws; see {@link #events()}.
     */
    public void readRemainingEvents(Duration timeout) {
        long deadline = deadlineAfter(timeout);
        try {
            while (true) {
                JsonNode message = readMessage(deadline, "events");
                if (message.has("event")) {
                    events.add(message);
                    eventListener.accept(message);
                }
            }
        } catch (IOException | RuntimeException endOfStreamOrTimeout) {
            // QEMU is gone or quiet: what arrived is recorded
        }
    }

    public List<Chardev> queryChardevs() throws IOException {
        List<Chardev> chardevs = new ArrayList<>();
        for (JsonNode entry : execute("query-chardev")) {
            chardevs.add(new Chardev(entry.path("label").asText(), entry.path("filename").asText()));
        }
        return chardevs;
    }

    /**
     * Asks QEMU to exit. QEMU may close the connection before or after its reply; both count as
     * success. The connection is closed afterwards.
     */
    public void quit() throws IOException {
        try {
            execute("quit");
        } catch (QmpException e) {
            throw e;
        } catch (IOException closedByQemu) {
            // expected: QEMU exits and closes the socket
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    private void send(JsonNode request) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((json.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            if (channel.write(bytes) == 0) {
                Thread.onSpinWait();
            }
        }
    }

    private JsonNode readMessage(long deadline, String awaited) throws IOException {
        while (true) {
            int newline = indexOfNewline();
            if (newline >= 0) {
                String line = new String(pending, 0, newline, StandardCharsets.UTF_8).trim();
                System.arraycopy(pending, newline + 1, pending, 0, pendingLength - newline - 1);
                pendingLength -= newline + 1;
                if (!line.isEmpty()) {
                    return json.readTree(line);
                }
                continue;
            }
            fill(deadline, awaited);
        }
    }

    private void fill(long deadline, String awaited) throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new IOException("QMP: no " + awaited + " within " + replyTimeout.toMillis() + " ms");
        }
        selector.select(remainingMillis);
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted while waiting for QMP " + awaited);
        }
        readBuffer.clear();
        int read = channel.read(readBuffer);
        if (read < 0) {
            throw new EOFException("QMP connection closed by QEMU while waiting for " + awaited);
        }
        if (pendingLength + read > pending.length) {
            byte[] larger = new byte[Math.max(pending.length * 2, pendingLength + read)];
            System.arraycopy(pending, 0, larger, 0, pendingLength);
            pending = larger;
        }
        System.arraycopy(readBuffer.array(), 0, pending, pendingLength, read);
        pendingLength += read;
    }

    private int indexOfNewline() {
        for (int i = 0; i < pendingLength; i++) {
            if (pending[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long deadlineAfter(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
