package io.github.kvmboot.lifecycle;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import io.github.kvmboot.supervisor.GuestRecord;

/**
 * A guest left running by kvmboot.keepRunning: what the build log says to reach it (console, ports,
 * QMP, stop), and the files its later stop removes.
 */
final class KeptGuest {

    private KeptGuest() {
    }

    /** @param base the output directory when it was set (a later goal must be given it too) */
    static String howToReach(GuestName name, Optional<Path> base) {
        String where = " -Dkvmboot.name=" + name.name() + base.map(b -> " -Dkvmboot.outputDirectory=" + b).orElse("");
        StringBuilder s = new StringBuilder("kvmboot: guest '" + name.name() + "' keeps running (kvmboot.keepRunning)");
        pid(name.directory()).ifPresent(pid -> s.append(", QEMU pid ").append(pid));
        s.append("\n  console:  tail -f ").append(name.directory().resolve("console.log"));
        ports(name.directory()).forEach((guest, hostPort) -> s.append("\n  port:     127.0.0.1:").append(hostPort)
                .append(" -> guest port ").append(guest));
        s.append("\n  QMP:      mvn kvmboot:qmp").append(where).append(" -Dkvmboot.qmp=query-status");
        s.append("\n  stop it:  mvn kvmboot:stop").append(where).append("   (in this directory)");
        return s.toString();
    }

    private static Optional<Long> pid(Path directory) {
        try {
            return GuestRecord.find(directory).map(GuestRecord::pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static TreeMap<Integer, String> ports(Path directory) {
        TreeMap<Integer, String> byGuestPort = new TreeMap<>();
        Path file = directory.resolve("ports.properties");
        if (!Files.isRegularFile(file)) {
            return byGuestPort;
        }
        Properties ports = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            ports.load(in);
        } catch (IOException e) {
            return byGuestPort;
        }
        ports.stringPropertyNames().stream().filter(k -> k.matches("kvmboot\\.port\\.\\d+"))
                .forEach(k -> byGuestPort.put(Integer.parseInt(k.substring("kvmboot.port.".length())), ports.getProperty(k)));
        return byGuestPort;
    }

    /** After a recorded guest's QEMU is gone: its record, control socket and pid file. */
    static void deleteRecordFiles(Path directory, GuestRecord record) {
        for (Path file : new Path[] {GuestRecord.file(directory), record.controlSocket(), directory.resolve("qemu.pid")}) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // stale files are replaced by the next start
            }
        }
    }
}
