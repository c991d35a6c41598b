package io.github.kvmboot.build;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads kbuild's output line by line: counts the objects it builds ({@code CC}, {@code AS},
 * {@code LD}, {@code AR} lines), reports progress every {@code progressEvery} objects, and keeps
 * the compiler and linker errors, the first with the lines around it.
 */
public final class BuildOutput implements Consumer<String> {

    private static final Pattern STEP = Pattern.compile("^\\s+(CC|AS|LD|AR)(?: \\[M\\])?\\s+\\S.*");
    /** gcc/clang: {@code file:line:col: error: message} (also "fatal error:"). */
    private static final Pattern COMPILER_ERROR = Pattern.compile("^(\\S[^:]*):(\\d+):(?:(\\d+):)? (?:fatal )?error: (.*)$");
    /** ld: {@code file.o: in function `f': file.c:12: undefined reference to `g'}, and "ld: ... error". */
    private static final Pattern LINKER_ERROR = Pattern.compile("^(?:\\S*ld(?:\\.\\w+)?: .*(?:undefined reference|multiple definition|error).*)$");
    /** A tool's own error without a location: {@code gcc: error: ...}, {@code cc1: fatal error: ...}. */
    private static final Pattern TOOL_ERROR = Pattern.compile("^[\\w.+-]+: (?:fatal )?error: .*$");
    private static final int CONTEXT_BEFORE = 2;
    private static final int CONTEXT_AFTER = 4;
    private static final int TAIL = 25;

    /** Told every {@code progressEvery} objects: how many so far, and per kind ({@code CC 120, AS 3, ...}). */
    public interface ProgressListener {
        void progress(int objects, String countsText);
    }

    private final int progressEvery;
    private final ProgressListener progress;
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> firstErrorContext = new ArrayList<>();
    private int contextStillWanted;
    private int objects;

    public BuildOutput(int progressEvery, Consumer<String> progress) {
        this(progressEvery, (objects, countsText) -> progress.accept(objects + " objects built (" + countsText + ")"));
    }

    /** Progress as numbers, for callers that add to it (an estimate). */
    public static BuildOutput withProgress(int progressEvery, ProgressListener progress) {
        return new BuildOutput(progressEvery, progress);
    }

    private BuildOutput(int progressEvery, ProgressListener progress) {
        this.progressEvery = progressEvery;
        this.progress = progress;
        for (String step : List.of("CC", "AS", "LD", "AR")) {
            counts.put(step, 0);
        }
    }

    @Override
    public void accept(String line) {
        if (contextStillWanted > 0) {
            firstErrorContext.add(line);
            contextStillWanted--;
        }
        Matcher step = STEP.matcher(line);
        if (step.matches()) {
            counts.merge(step.group(1), 1, Integer::sum);
            if (++objects % progressEvery == 0) {
                progress.progress(objects, countsText());
            }
        } else if (COMPILER_ERROR.matcher(line).matches() || LINKER_ERROR.matcher(line).matches()
                || TOOL_ERROR.matcher(line).matches()) {
            if (errors.isEmpty()) {
                List<String> before = new ArrayList<>(recent);
                firstErrorContext.addAll(before.subList(Math.max(0, before.size() - CONTEXT_BEFORE), before.size()));
                firstErrorContext.add(line);
                contextStillWanted = CONTEXT_AFTER;
            }
            errors.add(line);
        }
        recent.addLast(line);
        if (recent.size() > TAIL) {
            recent.removeFirst();
        }
    }

    /** Objects built per kind: CC, AS, LD, AR. */
    public Map<String, Integer> counts() {
        return Map.copyOf(counts);
    }

    public int objects() {
        return objects;
    }

    public String countsText() {
        StringBuilder text = new StringBuilder();
        counts.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return text.toString();
    }

    /** Every error line, in the order seen. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** The first error with the lines before it (the "In function" line) and after it (source and caret). */
    public List<String> firstErrorContext() {
        return List.copyOf(firstErrorContext);
    }

    /** The last lines of output, for failures without a recognizable error line. */
    public List<String> tail() {
        return List.copyOf(recent);
    }
}
