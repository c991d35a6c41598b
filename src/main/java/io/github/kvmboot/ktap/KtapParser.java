package io.github.kvmboot.ktap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streaming KTAP v1 (and TAP 14 subtest) parser fed one console line at a time, as KUnit prints
 * it at boot: printk timestamps are stripped, other kernel messages may be interleaved, nesting is
 * given by indentation (4 spaces per level), and the output may stop anywhere because the kernel
 * crashed.
 *
 * <p>Semantics follow kunit.py's kunit_parser.py: a test whose result line never came is
 * CRASHED; when a plan ({@code 1..N}) promised more subtests than arrived, each missing one is
 * counted as a CRASHED test; a test with a crashed subtest is CRASHED itself. Diagnostic lines
 * ({@code # ...}) and any other lines printed before a test's result line are kept as that test's
 * diagnostics (for a crash they hold the panic). {@code # SKIP} and {@code # TODO} directives give
 * SKIPPED (TODO marks an expected failure, which TAP does not count as a failure).
 *
 * <p>Thread-safe: the console thread feeds it while another thread may {@link #finish} it.
 */
public final class KtapParser {

    /** Bound per test, so a console flood cannot exhaust memory; the newest lines are kept. */
    static final int MAX_DIAGNOSTICS = 200;

    private static final Pattern VERSION_ANYWHERE = Pattern.compile("(?:KTAP|TAP) version \\d+$");

    private final List<KtapTest> finished = new ArrayList<>();
    private final Deque<Frame> stack = new ArrayDeque<>();
    private int documents;
    private String documentPrefix = "";

    /** A test whose subtests are being read: children are indented by {@code indent}. */
    private static final class Frame {
        final int indent;
        final boolean root;
        String name;
        int plan = -1;
        final List<KtapTest> children = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        int dropped;

        Frame(int indent, boolean root, String name) {
            this.indent = indent;
            this.root = root;
            this.name = name;
        }

        boolean isEmpty() {
            return children.isEmpty() && plan < 0;
        }

        void note(String line) {
            if (pending.size() == MAX_DIAGNOSTICS) {
                pending.remove(0);
                dropped++;
            }
            pending.add(line);
        }

        List<String> takePending() {
            List<String> taken = new ArrayList<>();
            if (dropped > 0) {
                taken.add("[" + dropped + " earlier lines not kept]");
            }
            taken.addAll(pending);
            pending.clear();
            dropped = 0;
            return taken;
        }
    }

    /** Feeds one console line (with or without the printk timestamp). */
    public synchronized void accept(String consoleLine) {
        String line = KtapLine.stripPrintkPrefix(consoleLine);
        if (stack.isEmpty()) {
            Matcher header = VERSION_ANYWHERE.matcher(line);
            if (header.find() && header.start() < line.length()) {
                String before = line.substring(0, header.start());
                documentPrefix = before.isBlank() ? "" : before;
                int indent = KtapLine.parse(line.substring(documentPrefix.length())).indent();
                stack.push(new Frame(indent, true, ""));
                documents++;
            }
            return;
        }
        if (!documentPrefix.isEmpty()) {
            if (!line.startsWith(documentPrefix)) {
                stack.peek().note(line);
                return;
            }
            line = line.substring(documentPrefix.length());
        }
        handle(KtapLine.parse(line), line);
    }

    private void handle(KtapLine l, String line) {
        Frame root = stack.peekLast();
        switch (l.kind()) {
            case VERSION -> {
                if (l.indent() <= root.indent) {
                    closeDocument();
                    accept(line);
                    return;
                }
                unwindDeeperThan(l.indent());
                openOrReuse(l.indent(), null);
            }
            case SUBTEST -> {
                if (l.indent() <= root.indent) {
                    stack.peek().note(l.text());
                    return;
                }
                unwindDeeperThan(l.indent());
                openOrReuse(l.indent(), l.name());
            }
            case PLAN -> {
                if (l.indent() < root.indent || isStray(l.indent())) {
                    stack.peek().note(l.text());
                    return;
                }
                unwindDeeperThan(l.indent());
                Frame top = stack.peek();
                if (top.indent < l.indent()) {
                    top = push(l.indent(), null); // a subtest with a plan but no header
                }
                if (top.plan < 0) {
                    top.plan = l.plan();
                }
            }
            case RESULT -> result(l, root);
            case DIAGNOSTIC, OTHER -> stack.peek().note(line.strip());
        }
    }

    private void result(KtapLine l, Frame root) {
        if (l.indent() < root.indent || isStray(l.indent())) {
            stack.peek().note(l.text());
            return;
        }
        // Frames deeper than the result line end here: the shallowest one is the test this line
        // reports; any deeper ones never got a result line.
        Frame reported = null;
        while (stack.peek().indent > l.indent()) {
            Frame f = stack.pop();
            if (stack.peek().indent > l.indent()) {
                stack.peek().children.add(close(f, null, stack.peek().children.size() + 1));
            } else {
                reported = f;
            }
        }
        Frame parent = stack.peek();
        if (parent.indent < l.indent()) {
            parent = push(l.indent(), null); // subtest results without header or plan
        }
        KtapTest test = reported != null ? close(reported, l, l.number())
                : new KtapTest(l.number(), l.name(), status(l), l.directive(), parent.takePending(), List.of(), -1);
        if (reported != null) {
            List<String> diagnostics = new ArrayList<>(parent.takePending());
            diagnostics.addAll(test.diagnostics());
            test = new KtapTest(test.number(), test.name(), test.status(), test.directive(), diagnostics,
                    test.subtests(), test.plan());
        }
        parent.children.add(test);
        if (parent.root && parent.plan >= 0 && parent.children.size() >= parent.plan) {
            closeDocument();
        }
    }

    /**
     * A line indented less than the innermost open test but matching no open test's indentation
     * belongs to nothing: noise that happens to look like KTAP.
     */
    private boolean isStray(int indent) {
        if (indent >= stack.peek().indent) {
            return false;
        }
        for (Frame f : stack) {
            if (f.indent == indent) {
                return false;
            }
        }
        return true;
    }

    private static KtapStatus status(KtapLine l) {
        if (l.isSkip() || l.isTodo()) {
            return KtapStatus.SKIPPED;
        }
        return l.ok() ? KtapStatus.PASSED : KtapStatus.FAILED;
    }

    private void openOrReuse(int indent, String name) {
        Frame top = stack.peek();
        if (top.indent == indent && !top.root) {
            if (top.isEmpty() && (top.name == null || name == null)) {
                if (name != null) {
                    top.name = name; // "KTAP version 1" then "# Subtest: name"
                }
                return;
            }
            // the previous sibling never got its result line
            stack.pop();
            stack.peek().children.add(close(top, null, stack.peek().children.size() + 1));
        }
        push(indent, name);
    }

    private Frame push(int indent, String name) {
        Frame f = new Frame(indent, false, name);
        stack.push(f);
        return f;
    }

    private void unwindDeeperThan(int indent) {
        while (stack.peek().indent > indent) {
            Frame f = stack.pop();
            stack.peek().children.add(close(f, null, stack.peek().children.size() + 1));
        }
    }

    /** A finished test from a frame; {@code result} null when its result line never came. */
    private static KtapTest close(Frame f, KtapLine result, int number) {
        List<KtapTest> subtests = new ArrayList<>(f.children);
        List<String> leftover = f.takePending();
        boolean missingOnes = f.plan > subtests.size();
        for (int n = subtests.size() + 1; n <= f.plan; n++) {
            // the first missing test was the one running when output stopped: it gets the lines after the last result
            subtests.add(new KtapTest(n, "missing test " + n, KtapStatus.CRASHED, "",
                    n == f.children.size() + 1 ? leftover : List.of(), List.of(), -1));
        }
        String name = result != null && !result.name().isEmpty() ? result.name()
                : f.name != null ? f.name : "missing test " + number;
        KtapStatus status = result == null ? KtapStatus.CRASHED : status(result);
        if (subtests.stream().anyMatch(t -> t.status() == KtapStatus.CRASHED)) {
            status = KtapStatus.CRASHED;
        }
        return new KtapTest(number, name, status, result == null ? "" : result.directive(),
                missingOnes ? List.of() : leftover, subtests, f.plan);
    }

    private void closeDocument() {
        unwindDeeperThan(stack.peekLast().indent);
        Frame root = stack.pop();
        KtapTest document = close(root, null, 0);
        finished.addAll(document.subtests());
        documentPrefix = "";
    }

    /** Ends the input: every test still open is CRASHED. Further lines may start new documents. */
    public synchronized KtapResults finish() {
        if (!stack.isEmpty()) {
            closeDocument();
        }
        return snapshot();
    }

    /** What has been completed so far, without ending the input. */
    public synchronized KtapResults snapshot() {
        return new KtapResults(finished, documents);
    }
}
