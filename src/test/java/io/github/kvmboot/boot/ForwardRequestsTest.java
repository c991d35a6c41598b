package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;

/** kvmboot.forward: what is accepted, and one-line errors naming setting, value, source and fix. */
class ForwardRequestsTest {

    private static ResolvedSettings forward(String value) {
        return new SettingsResolver(Map.of(), Map.of("kvmboot.forward", value), Map.of(), Map.of()).resolve();
    }

    private static String error(String value) {
        SettingException e = assertThrows(SettingException.class, () -> ForwardRequests.parse(forward(value)));
        String message = e.getMessage();
        assertTrue(message.startsWith("kvmboot.forward = '" + value + "' (from -Dkvmboot.forward on the command line): "),
                message);
        assertTrue(message.matches("(?s).*: .+\\. Fix: .+\\."), message);
        return message;
    }

    @Test
    void guestPortsWithAndWithoutAHostPort() throws Exception {
        assertEquals(List.of(new ForwardRequests.Request(OptionalInt.empty(), 8080),
                new ForwardRequests.Request(OptionalInt.of(2222), 22)), ForwardRequests.parse(forward("tcp:8080, tcp:2222:22")));
    }

    @Test
    void aPortOutsideTheRangeIsNamed() {
        assertTrue(error("tcp:70000").contains("port 70000 in `tcp:70000` is outside 1-65535"));
        assertTrue(error("tcp:0:22").contains("port 0 in `tcp:0:22` is outside 1-65535"));
    }

    @Test
    void aMalformedEntryIsQuoted() {
        assertTrue(error("tcp:8080,udp:53").contains("`udp:53` is not a port forward"));
        assertTrue(error("8080").contains("`8080` is not a port forward"));
        assertTrue(error("tcp:80:").contains("`tcp:80:` is not a port forward"));
    }

    @Test
    void theSameGuestPortTwiceIsRefused() {
        assertTrue(error("tcp:8080,tcp:18080:8080").contains("guest port 8080 is forwarded twice"));
    }

    @Test
    void aHostPortInUseNamesItsHolder() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            String message = error("tcp:" + port + ":8080");
            assertTrue(message.contains("host port " + port + " on 127.0.0.1 is already in use (held by pid "
                    + ProcessHandle.current().pid() + ": "), message);
            assertTrue(message.contains("write tcp:8080 for a free one"), message);
        }
    }
}
