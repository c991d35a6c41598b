package io.github.kvmboot.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** The client against a real QEMU: paused machine (-S), no kernel needed. */
@Timeout(60)
class QmpClientQemuTest {

    @TempDir
    Path dir;

    @Test
    void talksToRealQemu() throws Exception {
        Path socket = QmpSocketPaths.choose(dir);
        Path pidFile = dir.resolve("qemu.pid");
        Process qemu = new ProcessBuilder("qemu-system-x86_64", "-accel", "tcg", "-S", "-nodefaults", "-no-user-config",
                "-display", "none", "-chardev", "pty,id=ttyS1", "-serial", "chardev:ttyS1",
                "-chardev", "socket,id=qmp,path=" + socket + ",server=on,wait=off", "-mon", "chardev=qmp,mode=control",
                "-pidfile", pidFile.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            QmpClient client = QmpClient.connect(socket, Duration.ofSeconds(20));
            assertTrue(client.greeting().at("/QMP/version/qemu/major").asInt() >= 7, client.greeting().toString());

            List<Chardev> chardevs = client.queryChardevs();
            Chardev ttyS1 = chardevs.stream().filter(c -> c.label().equals("ttyS1")).findFirst().orElseThrow();
            String pty = ttyS1.ptyPath().orElseThrow();
            assertTrue(pty.matches("/dev/pts/\\d+") && Files.exists(Paths.get(pty)), pty);

            assertEquals("prelaunch", client.execute("query-status").get("status").asText());
            QmpException error = assertThrows(QmpException.class,
                    () -> client.execute("human-monitor-command", Map.of("no-such-argument", 1)));
            assertEquals("GenericError", error.errorClass());
            assertEquals("Parameter 'command-line' is missing", error.description());

            JsonNode resumed = client.execute("cont"); // emits RESUME before its return
            assertTrue(resumed.isEmpty());
            assertTrue(client.events().stream().anyMatch(e -> e.get("event").asText().equals("RESUME")),
                    client.events().toString());
            assertEquals("running", client.execute("query-status").get("status").asText());

            long pid = Long.parseLong(Files.readString(pidFile).trim());
            assertEquals(qemu.pid(), pid);
            client.quit();
            assertTrue(qemu.waitFor(10, TimeUnit.SECONDS), "QEMU exits after quit");
            assertEquals(0, qemu.exitValue());
            assertFalse(Files.exists(Paths.get("/proc", Long.toString(pid))), "QEMU is gone");
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor();
        }
    }

    /**
     * With its reader thread, the client hears events no command of its own caused (here a second
     * monitor's stop and cont), commands still get their own replies, and the end of the
     * connection reaches both.
     */
    @Test
    void readingContinuouslyDeliversEventsWithoutACommand() throws Exception {
        Path socket = QmpSocketPaths.choose(dir);
        Path control = dir.resolve("control.sock");
        Process qemu = new ProcessBuilder("qemu-system-x86_64", "-accel", "tcg", "-S", "-nodefaults", "-no-user-config",
                "-display", "none",
                "-chardev", "socket,id=qmp,path=" + socket + ",server=on,wait=off", "-mon", "chardev=qmp,mode=control",
                "-chardev", "socket,id=ctl,path=" + control + ",server=on,wait=off", "-mon", "chardev=ctl,mode=control")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (QmpClient watcher = QmpClient.connect(socket, Duration.ofSeconds(20));
                QmpClient other = QmpClient.connect(control, Duration.ofSeconds(20))) {
            java.util.concurrent.BlockingQueue<String> heard = new java.util.concurrent.LinkedBlockingQueue<>();
            watcher.onEvent(event -> heard.add(event.path("event").asText() + " on " + Thread.currentThread().getName()));
            watcher.readContinuously("test-qmp-reader");
            other.execute("cont");
            assertEquals("RESUME on test-qmp-reader", heard.poll(10, TimeUnit.SECONDS));
            assertEquals("running", watcher.execute("query-status").get("status").asText());
            other.execute("stop");
            assertEquals("STOP on test-qmp-reader", heard.poll(10, TimeUnit.SECONDS));
            QmpException error = assertThrows(QmpException.class, () -> watcher.execute("no-such-command"));
            assertEquals("CommandNotFound", error.errorClass());
            assertEquals("paused", watcher.execute("query-status").get("status").asText(), "replies stay in step");
            other.quit();
            assertTrue(qemu.waitFor(10, TimeUnit.SECONDS), "QEMU exits after quit");
            watcher.readRemainingEvents(Duration.ofSeconds(5));
            assertTrue(watcher.events().stream().anyMatch(e -> e.path("event").asText().equals("SHUTDOWN")),
                    watcher.events().toString());
            java.io.IOException gone = assertThrows(java.io.IOException.class, () -> watcher.execute("query-status"));
            assertTrue(gone.getMessage().contains("QMP"), gone.getMessage());
        } finally {
            qemu.destroyForcibly();
            qemu.waitFor();
        }
    }
}
