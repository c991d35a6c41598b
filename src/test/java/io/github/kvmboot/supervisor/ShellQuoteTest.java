package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShellQuoteTest {

    @Test
    void quotesOnlyWhatNeedsIt() {
        assertEquals("qemu-system-x86_64 -m 512 -append 'console=ttyS0 panic=-1' 'it'\\''s' ''",
                ShellQuote.join(List.of("qemu-system-x86_64", "-m", "512", "-append", "console=ttyS0 panic=-1",
                        "it's", "")));
        assertEquals("'$HOME' 'a;b' file=/x,format=raw", ShellQuote.join(List.of("$HOME", "a;b", "file=/x,format=raw")));
    }

    @Test
    void quotedCommandRoundTripsThroughARealShell() throws Exception {
        List<String> args = List.of("plain", "with space", "it's", "$(rm -rf /)", "`x`", "a\nb", "*", "");
        Process p = new ProcessBuilder("sh", "-c", "for a in " + ShellQuote.join(args) + "; do printf '%s\\0' \"$a\"; done")
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        assertEquals(String.join("\0", args) + "\0", out);
    }
}
