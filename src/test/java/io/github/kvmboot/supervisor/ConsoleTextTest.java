package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConsoleTextTest {

    @Test
    void removesSeaBiosScreenResets() {
        assertEquals("SeaBIOS (version 1.16.2)", ConsoleText.strip("\u001Bc\u001B[?7l\u001B[2JSeaBIOS (version 1.16.2)"));
    }

    @Test
    void removesColoursAndCursorMovement() {
        assertEquals("[  OK  ] Started foo.", ConsoleText.strip("[\u001B[0;32m  OK  \u001B[0m] Started foo.\u001B[K"));
        assertEquals("title", ConsoleText.strip("\u001B]0;window title\u0007title"));
        assertEquals("box", ConsoleText.strip("\u001B(Bbox"));
    }

    @Test
    void removesControlCharactersButKeepsTabs() {
        assertEquals("a\tbc", ConsoleText.strip("a\tb\u0000\u0007c\u007F"));
    }

    @Test
    void leavesPlainAndUnicodeTextAlone() {
        String text = "[    1.234] Run /init as init process – ok ✓";
        assertEquals(text, ConsoleText.strip(text));
    }
}
