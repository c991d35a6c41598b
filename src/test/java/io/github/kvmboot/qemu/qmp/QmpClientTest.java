package io.github.kvmboot.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

@Timeout(60)
class QmpClientTest {

    @TempDir
    Path dir;

    @Test
    void negotiatesCapabilitiesAndSkipsEventsBeforeTheReturn() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(socket)) {
            peer.on("query-status",
                    "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"POWERDOWN\"}\r\n",
                    // one message split across two writes, then the return
                    "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 3}, \"event\": \"SHUTDOWN\", \"data\": {\"gu",
                    "est\": true, \"reason\": \"guest-shutdown\"}}\r\n{\"return\": {\"status\": \"running\", \"running\": true}}\r\n")
                    .start();
            try (QmpClient client = QmpClient.connect(socket, Duration.ofSeconds(10))) {
                List<String> seen = new ArrayList<>();
                client.onEvent(event -> seen.add(event.get("event").asText()));
                assertEquals(7, client.greeting().at("/QMP/version/qemu/major").asInt());

                JsonNode status = client.execute("query-status");

                assertEquals("running", status.get("status").asText());
                assertEquals(List.of("POWERDOWN", "SHUTDOWN"), seen);
                assertEquals("guest-shutdown", client.events().get(1).at("/data/reason").asText());
                assertEquals(List.of("{\"execute\":\"qmp_capabilities\"}", "{\"execute\":\"query-status\"}"),
                        peer.received);
            }
        }
    }

    @Test
    void errorReplyBecomesQmpExceptionWithClassAndDescription() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(socket).on("system_wakeup",
                "{\"error\": {\"class\": \"GenericError\", \"desc\": \"wake-up from suspend is not supported by this guest\"}}\r\n")
                .start();
                QmpClient client = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            QmpException e = assertThrows(QmpException.class, () -> client.execute("system_wakeup"));
            assertEquals("GenericError", e.errorClass());
            assertEquals("wake-up from suspend is not supported by this guest", e.description());
            assertTrue(e.getMessage().contains("system_wakeup"), e.getMessage());
        }
    }

    @Test
    void sendsArgumentsAndParsesChardevs() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(socket)
                .on("human-monitor-command", "{\"return\": \"ok\\r\\n\"}\r\n")
                .on("query-chardev", "{\"return\": [{\"frontend-open\": true, \"filename\": \"pty:/dev/pts/7\","
                        + " \"label\": \"ttyS1\"}, {\"frontend-open\": true, \"filename\": \"unix:/tmp/q.sock,server=on\","
                        + " \"label\": \"qmp\"}]}\r\n")
                .start();
                QmpClient client = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            assertEquals("ok\r\n", client.execute("human-monitor-command", Map.of("command-line", "info status")).asText());
            List<Chardev> chardevs = client.queryChardevs();
            assertEquals(List.of(new Chardev("ttyS1", "pty:/dev/pts/7"), new Chardev("qmp", "unix:/tmp/q.sock,server=on")),
                    chardevs);
            assertEquals("/dev/pts/7", chardevs.get(0).ptyPath().orElseThrow());
            assertTrue(chardevs.get(1).ptyPath().isEmpty());
            assertEquals("{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info status\"}}",
                    peer.received.get(1));
        }
    }

    @Test
    void quitToleratesTheConnectionClosingBeforeTheReply() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(socket).on("quit", FakeQmpPeer.CLOSE).start()) {
            QmpClient client = QmpClient.connect(socket, Duration.ofSeconds(10));
            client.quit();
            peer.awaitDone();
            assertThrows(IOException.class, () -> client.execute("query-status"));
        }
    }

    @Test
    void waitsForTheSocketToAppear() throws Exception {
        Path socket = dir.resolve("late.sock");
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(300);
                new FakeQmpPeer(socket).start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        later.start();
        try (QmpClient client = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            assertEquals(7, client.greeting().at("/QMP/version/qemu/major").asInt());
        }
        later.join();
    }

    @Test
    void connectTimesOutWhenNobodyListens() {
        IOException e = assertThrows(IOException.class,
                () -> QmpClient.connect(dir.resolve("nobody.sock"), Duration.ofMillis(200)));
        assertTrue(e.getMessage().contains("nobody.sock"), e.getMessage());
    }

    @Test
    void replyTimeoutWhenThePeerIsSilent() throws Exception {
        Path socket = dir.resolve("qmp.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(socket).on("stop").start();
                QmpClient client = QmpClient.connect(socket, Duration.ofSeconds(10))) {
            client.setReplyTimeout(Duration.ofMillis(300));
            IOException e = assertThrows(IOException.class, () -> client.execute("stop"));
            assertTrue(e.getMessage().contains("no reply to 'stop'"), e.getMessage());
        }
    }
}
