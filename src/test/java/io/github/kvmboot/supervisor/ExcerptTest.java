package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.supervisor.LineSplitter.Line;

class ExcerptTest {

    @Test
    void marksTheMatchingLineAndAlignsNumbers() {
        List<String> excerpt = Excerpt.around(List.of(new Line(8, "a"), new Line(9, "b")), new Line(10, "panic"),
                List.of(new Line(11, "c")));
        assertEquals(List.of("   8 | a", "   9 | b", "> 10 | panic", "  11 | c"), excerpt);
    }

    @Test
    void tailNumbersLines() {
        assertEquals(List.of("  1 | x", "  2 | y"), Excerpt.tail(List.of(new Line(1, "x"), new Line(2, "y"))));
        assertEquals("  (no console output)", Excerpt.indent(List.of()));
    }

    @Test
    void transcriptKeepsTwentyLinesOfContextAroundTheFirstFailure() {
        ConsoleTranscript transcript = new ConsoleTranscript();
        Line failure = null;
        for (int n = 1; n <= 100; n++) {
            Line line = new Line(n, "line " + n);
            transcript.add(line);
            if (n == 50 || n == 60) {
                transcript.markFailure(line);
                failure = failure == null ? line : failure;
            }
        }
        List<String> excerpt = transcript.failureExcerpt();
        assertEquals(41, excerpt.size());
        assertEquals("  30 | line 30", excerpt.get(0));
        assertEquals("> 50 | line 50", excerpt.get(20));
        assertEquals("  70 | line 70", excerpt.get(40));
        assertEquals(100, transcript.count());
        assertEquals(List.of(new Line(99, "line 99"), new Line(100, "line 100")), transcript.last(2));
    }

    @Test
    void transcriptContextAtTheStart() {
        ConsoleTranscript transcript = new ConsoleTranscript();
        Line first = new Line(1, "Kernel panic");
        transcript.add(first);
        transcript.markFailure(first);
        assertEquals(List.of("> 1 | Kernel panic"), transcript.failureExcerpt());
    }
}
