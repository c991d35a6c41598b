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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kvmboot.json.Json;

/**
 * A QMP client over a unix socket: one command at a time, each waiting for its {@code return} or
 * {@code error}. Asynchronous events are recorded ({@link #events()}) and handed to the event
 * listener, never returned to the caller.
 *
 * <p>At first the socket is read only while a command waits for its reply, so events arrive with
 * the next command. After {@link #readContinuously} a daemon thread reads it: events reach the
 * listener as QEMU sends them (a supervisor needs no polling commands, which also kept a command in
 * flight when the guest powered off), and commands carry an {@code id} to find their reply.
 */
public final class QmpClient implements Closeable {

    private static final Duration RETRY_INTERVAL = Duration.ofMillis(20);
    private static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(30);
    /** The reader thread's wait: until a message or the end of the connection. */
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private byte[] pending = new byte[8192];
    private int pendingLength;
    private volatile Consumer<JsonNode> eventListener = event -> { };
    private Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;
    private JsonNode greeting;
    private final BlockingQueue<Object> replies = new LinkedBlockingQueue<>();
    private volatile Thread reader;
    /** Why the reader stopped (the connection ended); later commands fail with it at once. */
    private volatile IOException ended;
    private long nextId;

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

    /**
     * From now on a daemon thread named {@code threadName} reads the socket: events reach the
     * listener on that thread as they arrive; {@link #execute} waits for its reply from it.
     */
    public synchronized void readContinuously(String threadName) {
        if (reader != null) {
            return;
        }
        Thread thread = new Thread(this::readUntilClosed, threadName);
        thread.setDaemon(true);
        reader = thread;
        thread.start();
    }

    private void readUntilClosed() {
        try {
            while (true) {
                JsonNode message = readMessage(NO_DEADLINE, "messages");
                if (message.has("event")) {
                    record(message);
                } else {
                    replies.add(message);
                }
            }
        } catch (IOException e) {
            ended = e;
        } catch (RuntimeException closed) { // the selector closed under it: close()
            ended = new IOException("QMP connection closed");
        }
        replies.add(ended);
    }

    private void record(JsonNode event) {
        events.add(event);
        eventListener.accept(event);
    }

    /** Called for each event, in arrival order: on the thread that runs commands, or the reader's ({@link #readContinuously}). */
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
    public synchronized JsonNode execute(String command, Map<String, Object> arguments) throws IOException {
        Map<String, Object> request = new java.util.LinkedHashMap<>();
        request.put("execute", command);
        if (!arguments.isEmpty()) {
            request.put("arguments", arguments);
        }
        if (reader != null) {
            return executeWithReader(command, request);
        }
        send(request);
        long deadline = deadlineAfter(replyTimeout);
        while (true) {
            JsonNode message = readMessage(deadline, "reply to '" + command + "'");
            if (message.has("return") || message.has("error")) {
                return result(command, message);
            }
            if (message.has("event")) {
                record(message);
            }
        }
    }

    private JsonNode executeWithReader(String command, Map<String, Object> request) throws IOException {
        if (ended != null) {
            throw new IOException("QMP: cannot send '" + command + "': " + ended.getMessage(), ended);
        }
        long id = ++nextId;
        request.put("id", id);
        replies.removeIf(JsonNode.class::isInstance); // late replies to commands that timed out
        send(request);
        long deadline = deadlineAfter(replyTimeout);
        while (true) {
            Object reply;
            try {
                reply = replies.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for QMP reply to '" + command + "'");
            }
            if (reply == null) {
                throw new IOException("QMP: no reply to '" + command + "' within " + replyTimeout.toMillis() + " ms");
            }
            if (reply instanceof IOException closed) {
                replies.add(closed); // for the next command, and readRemainingEvents
                throw new IOException("QMP connection ended while waiting for the reply to '" + command + "': "
                        + closed.getMessage(), closed);
            }
            JsonNode message = (JsonNode) reply;
            // QEMU echoes the id; a reply without one is taken as this command's
            if (!message.has("id") || message.path("id").asLong() == id) {
                return result(command, message);
            }
        }
    }

    private static JsonNode result(String command, JsonNode message) throws QmpException {
        if (message.has("error")) {
            JsonNode error = message.get("error");
            throw new QmpException(command, error.path("class").asText("?"), error.path("desc").asText("?"));
        }
        return message.get("return");
    }

    /**
     * After QEMU exited (or while it shuts down): reads the events it sent before closing the
     * socket, until end of stream or {@code timeout}. Never throws; see {@link #events()}.
     */
    public void readRemainingEvents(Duration timeout) {
        Thread continuous = reader;
        if (continuous != null) {
            try {
                continuous.join(Math.max(1, timeout.toMillis())); // it reads until QEMU closed the socket
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long deadline = deadlineAfter(timeout);
        try {
            while (true) {
                JsonNode message = readMessage(deadline, "events");
                if (message.has("event")) {
                    record(message);
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

    private void send(Map<String, Object> request) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((Json.write(request) + "\n").getBytes(StandardCharsets.UTF_8));
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
                    return Json.parse(line);
                }
                continue;
            }
            fill(deadline, awaited);
        }
    }

    private void fill(long deadline, String awaited) throws IOException {
        if (deadline == NO_DEADLINE) {
            selector.select();
        } else {
            long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new IOException("QMP: no " + awaited + " within " + replyTimeout.toMillis() + " ms");
            }
            selector.select(remainingMillis);
        }
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
