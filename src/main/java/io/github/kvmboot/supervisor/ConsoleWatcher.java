package io.github.kvmboot.supervisor;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.LineSplitter.Line;
import io.github.kvmboot.supervisor.PtyLineParser.PtyMapping;

/**
 * Interprets QEMU's stdout: guest console lines interleaved with QEMU's pty announcements.
 * Logs console lines, feeds the transcript and the listener, and reports pty mappings and
 * pattern matches as events. Runs on the stdout pump thread.
 */
final class ConsoleWatcher {

    /** The kernel's last line before it powers the machine off (kernel/reboot.c) or resets it. */
    static final Pattern POWER_OFF = Pattern.compile("^(\\[[ 0-9.]+\\] )?reboot: (Power down|Restarting system)$");

    private final LineSplitter splitter = new LineSplitter();
    private boolean poweredOff;
    private final Optional<Pattern> expect;
    private final Optional<Pattern> failOn;
    private final ConsoleTranscript transcript;
    private final BuildLog log;
    private final GuestListener listener;
    private final Consumer<SupervisorEvent> events;
    private boolean consoleStarted;
    private boolean expectMatched;
    private boolean failMatched;
    private final Optional<Pattern> warning;
    private volatile int warnings;

    ConsoleWatcher(Optional<Pattern> expect, Optional<Pattern> failOn, Optional<Pattern> warning,
            ConsoleTranscript transcript, BuildLog log, GuestListener listener, Consumer<SupervisorEvent> events) {
        this.warning = warning;
        this.expect = expect;
        this.failOn = failOn;
        this.transcript = transcript;
        this.log = log;
        this.listener = listener;
        this.events = events;
    }

    void accept(byte[] bytes, int offset, int length) {
        splitter.feed(bytes, offset, length).forEach(this::onLine);
        matchPartialLine();
    }

    void endOfStream() {
        splitter.finish().forEach(this::onLine);
    }

    private void onLine(Line raw) {
        String text = ConsoleText.strip(raw.text());
        Optional<PtyMapping> pty = PtyLineParser.parse(text);
        if (pty.isPresent()) {
            log.debug("qemu: " + text);
            events.accept(new SupervisorEvent.PtyAnnounced(pty.get()));
            return;
        }
        if (text.isEmpty() && !raw.text().isEmpty()) {
            return; // nothing but escape sequences (e.g. SeaBIOS clearing the screen)
        }
        Line line = new Line(raw.number(), text);
        transcript.add(line);
        log.info(text); // whole lines only, also when the expect pattern matched its beginning
        notifyListener(text);
        if (!consoleStarted) {
            consoleStarted = true;
            events.accept(new SupervisorEvent.ConsoleStarted());
        }
        if (warning.isPresent() && warning.get().matcher(text).find()) {
            warnings++;
        }
        if (!poweredOff && POWER_OFF.matcher(text).find()) {
            poweredOff = true;
            events.accept(new SupervisorEvent.GuestPoweredOff());
        }
        if (!failMatched && failOn.isPresent() && failOn.get().matcher(text).find()) {
            failMatched = true;
            transcript.markFailure(line);
            events.accept(new SupervisorEvent.FailMatched(line));
        }
        if (!expectMatched && expect.isPresent() && expect.get().matcher(text).find()) {
            expectMatched = true;
            events.accept(new SupervisorEvent.ExpectMatched(line));
        }
    }

    /**
     * Prompts such as {@code login: } come without a newline: match the unfinished line too. It is
     * logged once complete, or at {@link #endOfStream} when QEMU stopped before its newline.
     */
    private void matchPartialLine() {
        if (expectMatched || expect.isEmpty()) {
            return;
        }
        String partial = ConsoleText.strip(splitter.partial());
        if (!partial.isEmpty() && expect.get().matcher(partial).find()) {
            expectMatched = true;
            events.accept(new SupervisorEvent.ExpectMatched(new Line(-1, partial)));
        }
    }

    /** Console lines that matched the warning pattern so far. */
    int warnings() {
        return warnings;
    }

    private void notifyListener(String text) {
        try {
            listener.consoleLine(text);
        } catch (RuntimeException e) {
            log.warn("console listener failed: " + e);
        }
    }
}
