package io.github.kvmboot.build;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.ShellQuoting;

/**
 * kvmboot:build: {@code make -jN bzImage} (and {@code modules}), a progress line every
 * {@value #PROGRESS_EVERY} objects instead of every CC line (all of them with -X, and always in
 * make.log) with percent done and time left when a previous build in the same build directory
 * gave the total ({@link BuildEstimate}), and on failure the first compiler error with its context.
 */
public final class KernelBuilder {

    static final int PROGRESS_EVERY = 200;
    private static final int ERRORS_SHOWN = 10;

    private final BuildLog log;

    public KernelBuilder(BuildLog log) {
        this.log = log;
    }

    public BuildReport build(KbuildOptions options) throws KernelBuildException, InterruptedException {
        KernelTree tree = options.tree();
        if (!Files.isRegularFile(tree.dotConfig())) {
            throw new KernelBuildException("build: " + tree.output() + " has no .config. Fix: run kvmboot:kernel-config"
                    + " first (the example wrapper pom binds it before build), or make a .config yourself.");
        }
        Path image = options.image();
        List<String> targets = new ArrayList<>(List.of(image.getFileName().toString()));
        if (options.modules()) {
            targets.add("modules");
        }
        List<String> argv = options.make().argv(targets.toArray(String[]::new));
        log.info("kvmboot: " + ShellQuoting.join(argv));
        long start = System.nanoTime();
        Optional<BuildEstimate> estimate = BuildEstimate.load(tree.output());
        BuildOutput output = BuildOutput.withProgress(PROGRESS_EVERY, (objects, counts) -> log.info(
                progressLine(objects, counts, Duration.ofNanos(System.nanoTime() - start), estimate)));
        Path makeLog = options.outputDirectory().resolve("make.log");
        int exit;
        try {
            Files.createDirectories(options.outputDirectory());
            try (BufferedWriter writer = Files.newBufferedWriter(makeLog)) {
                exit = ToolRun.run(argv, tree.source(), line -> {
                    write(writer, line);
                    if (log.isDebugEnabled()) {
                        log.debug(line);
                    }
                    output.accept(line);
                });
            }
        } catch (IOException | UncheckedIOException e) {
            throw new KernelBuildException("build: could not run make: " + e.getMessage());
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        if (exit != 0) {
            throw new KernelBuildException(failure(String.join(" ", targets), exit, output, makeLog));
        }
        if (!Files.isRegularFile(image)) {
            throw new KernelBuildException("build: make succeeded but " + image + " is missing (full output: "
                    + makeLog + "). Fix: check kvmboot.arch (" + options.architecture() + ") against the tree's .config.");
        }
        BuildEstimate.save(tree.output(), output.objects());
        return new BuildReport(image, duration, output.counts());
    }

    /** {@code kvmboot: make: 1200 objects built, 24% of ~4810, about 3 min 10 s left (CC 1150, ...), 62 s}. */
    static String progressLine(int objects, String counts, Duration elapsed, Optional<BuildEstimate> estimate) {
        String done = estimate.flatMap(e -> e.describe(objects, elapsed)).map(e -> ", " + e).orElse("");
        return "kvmboot: make: " + objects + " objects built" + done + " (" + counts + "), " + elapsed.toSeconds() + " s";
    }

    static String failure(String targets, int exit, BuildOutput output, Path makeLog) {
        StringBuilder message = new StringBuilder("build: make ").append(targets).append(" failed (exit ").append(exit)
                .append(')');
        List<String> errors = output.errors();
        if (errors.isEmpty()) {
            message.append("; its last lines:\n  ").append(String.join("\n  ", output.tail()));
        } else {
            message.append(" with ").append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                    .append("; the first:\n  ").append(String.join("\n  ", output.firstErrorContext()));
            if (errors.size() > 1) {
                message.append("\nAll errors:");
                errors.stream().limit(ERRORS_SHOWN).forEach(e -> message.append("\n  ").append(e));
                if (errors.size() > ERRORS_SHOWN) {
                    message.append("\n  ... and ").append(errors.size() - ERRORS_SHOWN).append(" more");
                }
            }
        }
        return message.append("\nFull output: ").append(makeLog).append(" (or run Maven with -X).").toString();
    }

    private static void write(BufferedWriter writer, String line) {
        try {
            writer.write(line);
            writer.newLine();
            writer.flush(); // make.log can be followed while make runs
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
