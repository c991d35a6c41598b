package io.github.kvmboot.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.supervisor.LineSplitter.Line;

class LineSplitterTest {

    private final LineSplitter splitter = new LineSplitter();

    private List<Line> feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return splitter.feed(bytes, 0, bytes.length);
    }

    @Test
    void splitsOnLfAndCrLf() {
        assertEquals(List.of(new Line(1, "one"), new Line(2, "two"), new Line(3, "")), feed("one\ntwo\r\n\r\n"));
    }

    @Test
    void crLfSplitAcrossChunksIsOneLineEnd() {
        List<Line> lines = new ArrayList<>(feed("first\r"));
        lines.addAll(feed("\nsecond\r"));
        lines.addAll(feed("\n"));
        assertEquals(List.of(new Line(1, "first"), new Line(2, "second")), lines);
    }

    @Test
    void loneCarriageReturnEndsALineWithoutAdvancingTheFileLineNumber() {
        assertEquals(List.of(new Line(1, "10%"), new Line(1, "50%"), new Line(1, "done"), new Line(2, "next")),
                feed("10%\r50%\rdone\r\nnext\n"));
    }

    @Test
    void keepsPartialLineUntilItsEnd() {
        assertEquals(List.of(), feed("buildroot log"));
        assertEquals("buildroot log", splitter.partial());
        assertEquals(List.of(), feed("in: "));
        assertEquals("buildroot login: ", splitter.partial());
        assertEquals(List.of(new Line(1, "buildroot login: root")), feed("root\n"));
        assertEquals("", splitter.partial());
    }

    @Test
    void finishReturnsUnterminatedLastLine() {
        feed("a\nb");
        assertEquals(List.of(new Line(2, "b")), splitter.finish());
        assertEquals(List.of(), splitter.finish());
    }

    @Test
    void multiByteCharacterSplitAcrossChunks() {
        byte[] bytes = "ü\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of(), splitter.feed(bytes, 0, 1));
        assertEquals(List.of(new Line(1, "ü")), splitter.feed(bytes, 1, 2));
    }

    @Test
    void overlongLineIsSplit() {
        byte[] bytes = new byte[LineSplitter.MAX_LINE_BYTES + 10];
        java.util.Arrays.fill(bytes, (byte) 'x');
        List<Line> lines = splitter.feed(bytes, 0, bytes.length);
        assertEquals(1, lines.size());
        assertEquals(LineSplitter.MAX_LINE_BYTES, lines.get(0).text().length());
        assertEquals(10, splitter.partial().length());
    }
}
