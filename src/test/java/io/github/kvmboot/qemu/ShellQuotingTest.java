package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ShellQuotingTest {

    @Test
    void leavesPlainWordsUnquoted() {
        assertEquals("qemu-system-x86_64 -m 1024M file=/a,,b/c.img,if=ide user@host:x%y+z",
                ShellQuoting.join(List.of("qemu-system-x86_64", "-m", "1024M", "file=/a,,b/c.img,if=ide",
                        "user@host:x%y+z")));
    }

    @Test
    void singleQuotesEverythingElse() {
        assertEquals("'console=ttyS0 panic=-1' '' '$HOME' 'it'\\''s' '\"q\"' '*' '~' 'a\nb'",
                ShellQuoting.join(List.of("console=ttyS0 panic=-1", "", "$HOME", "it's", "\"q\"", "*", "~", "a\nb")));
    }

    @Test
    void quotesACommandThatWouldLookLikeAnAssignment() {
        assertEquals("'QEMU=x' -m 1 a=b", ShellQuoting.join(List.of("QEMU=x", "-m", "1", "a=b")));
        assertEquals("qemu", ShellQuoting.join(List.of("qemu")));
        assertEquals("", ShellQuoting.join(List.of()));
    }

    @Test
    void bashReadsBackExactlyTheOriginalWords() throws IOException, InterruptedException {
        List<String> words = List.of("plain", "", " ", "two words", "$HOME", "${PATH}", "$(echo pwned)", "`id`",
                "\"double\"", "'single'", "it's", "'''", "a\nb\n", "tab\there", "back\\slash", "*", "?",
                "[a]", "~", "~root", "!", "#comment", ";", "&&", "|", ">x", "<y", "{a,b}", "a=b c", "é ü 日本",
                "-append", "console=ttyS0,115200 earlyprintk=serial,ttyS0");
        // The rendered line is test data: bash parses it as printf's arguments and prints each
        // word NUL-terminated, so the words come back exactly as bash understood them.
        Process bash = new ProcessBuilder("bash", "-c", "printf '%s\\0' " + ShellQuoting.join(words))
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        bash.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, bash.exitValue(), out);
        List<String> parsed = Arrays.asList(out.split("\0", -1)).subList(0, words.size());
        assertEquals(words, parsed);
        assertEquals(words.size(), out.chars().filter(c -> c == 0).count());
    }
}
