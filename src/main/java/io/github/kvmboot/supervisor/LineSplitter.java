package io.github.kvmboot.supervisor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into lines at {@code \n}, {@code \r\n} and lone {@code \r}, across chunk
 * boundaries. Each line carries its line number in the byte stream as a text editor counts it
 * (newline characters before it, plus one), so it can be found in console.log.
 */
final class LineSplitter {

    /** Lines longer than this are split, so a guest that never prints a newline cannot exhaust memory. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    record Line(long number, String text) {
    }

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long newlines;
    private long currentNumber = 1;
    private boolean afterCarriageReturn;

    /** Feeds a chunk and returns the lines it completed. */
    List<Line> feed(byte[] bytes, int offset, int length) {
        List<Line> lines = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!afterCarriageReturn) {
                    lines.add(takeCurrent());
                }
                newlines++;
                currentNumber = newlines + 1;
                afterCarriageReturn = false;
            } else if (b == '\r') {
                lines.add(takeCurrent());
                afterCarriageReturn = true;
            } else {
                afterCarriageReturn = false;
                current.write(b);
                if (current.size() >= MAX_LINE_BYTES) {
                    lines.add(takeCurrent());
                }
            }
        }
        return lines;
    }

    /** The text received since the last line end (a prompt such as {@code login: }), possibly empty. */
    String partial() {
        return current.toString(StandardCharsets.UTF_8);
    }

    /** The unterminated last line at end of stream, if any. */
    List<Line> finish() {
        return current.size() > 0 ? List.of(takeCurrent()) : List.of();
    }

    private Line takeCurrent() {
        Line line = new Line(currentNumber, current.toString(StandardCharsets.UTF_8));
        current.reset();
        currentNumber = newlines + 1;
        return line;
    }
}
