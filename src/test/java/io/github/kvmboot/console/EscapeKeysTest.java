package io.github.kvmboot.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** QEMU's -nographic keys on the typed bytes; everything else reaches the guest unchanged. */
class EscapeKeysTest {

    private final EscapeKeys keys = new EscapeKeys();
    private final ByteArrayOutputStream toGuest = new ByteArrayOutputStream();

    private List<EscapeKeys.Action> type(byte... typed) {
        List<EscapeKeys.Action> actions = new ArrayList<>();
        for (byte b : typed) {
            EscapeKeys.Action action = keys.feed(b, toGuest);
            if (action != EscapeKeys.Action.NONE) {
                actions.add(action);
            }
        }
        return actions;
    }

    @Test
    void signalKeysArrowKeysAndTextGoToTheGuestAsTyped() {
        byte[] typed = {'l', 's', '\r', 0x03, 0x1a, 0x1c, 0x1b, '[', 'D', 0x7f};
        assertEquals(List.of(), type(typed));
        assertArrayEquals(typed, toGuest.toByteArray());
    }

    @Test
    void ctrlAXQuitsCtrlAHHelpsAndCtrlACtrlASendsOneCtrlA() {
        assertEquals(List.of(EscapeKeys.Action.HELP), type((byte) 0x01, (byte) 'h'));
        assertEquals(List.of(), type((byte) 0x01, (byte) 0x01, (byte) 'a'));
        assertArrayEquals(new byte[] {0x01, 'a'}, toGuest.toByteArray());
        assertEquals(List.of(EscapeKeys.Action.QUIT), type((byte) 0x01, (byte) 'x'));
        assertArrayEquals(new byte[] {0x01, 'a'}, toGuest.toByteArray(), "the keys themselves never reach the guest");
    }

    @Test
    void anUnknownKeyAfterCtrlAIsDroppedLikeQemuDoes() {
        assertEquals(List.of(), type((byte) 0x01, (byte) 'q', (byte) 'x'));
        assertArrayEquals(new byte[] {'x'}, toGuest.toByteArray(), "only the escape pair is dropped");
    }
}
