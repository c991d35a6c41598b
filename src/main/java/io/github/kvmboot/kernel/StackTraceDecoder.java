package io.github.kvmboot.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Console stack traces as {@code function+0x12/0x40 file.c:123}, by the kernel tree's own
 * {@code scripts/decode_stacktrace.sh} (run directly, never through a shell: the script is the
 * tree's, vmlinux and the tree are paths, the excerpt goes to its stdin).
 */
public final class StackTraceDecoder {

    private static final String SCRIPT = "scripts/decode_stacktrace.sh";
    private static final Pattern TRACE_ADDRESS = Pattern.compile("[\\w.]+\\+0x[0-9a-f]+/0x[0-9a-f]+");

    private final Path vmlinux;
    private final Path sourceTree;

    private StackTraceDecoder(Path vmlinux, Path sourceTree) {
        this.vmlinux = vmlinux;
        this.sourceTree = sourceTree;
    }

    /**
     * A decoder for {@code vmlinux} when its tree has the script: the directory of vmlinux itself,
     * or for an O= build the source tree its {@code source} link points to.
     */
    public static Optional<StackTraceDecoder> forVmlinux(Path vmlinux) {
        Path dir = vmlinux.toAbsolutePath().getParent();
        for (Path tree : List.of(dir, dir.resolve("source"))) {
            if (Files.isRegularFile(tree.resolve(SCRIPT))) {
                try {
                    return Optional.of(new StackTraceDecoder(vmlinux, tree.toRealPath()));
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the lines hold a symbolic stack trace ({@code function+0x12/0x40}). */
    public static boolean hasTrace(List<String> lines) {
        return lines.stream().anyMatch(line -> TRACE_ADDRESS.matcher(line).find());
    }

    public Path sourceTree() {
        return sourceTree;
    }

    /** The lines with file:line added where the script resolves an address. */
    public List<String> decode(List<String> lines, Duration limit) throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", sourceTree.resolve(SCRIPT).toString(), vmlinux.toString(),
                sourceTree.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        try (OutputStream in = script.getOutputStream()) {
            in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!script.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            script.destroyForcibly();
            throw new IOException(SCRIPT + " took longer than " + limit.toSeconds() + " s");
        }
        if (script.exitValue() != 0) {
            throw new IOException(SCRIPT + " exited with code " + script.exitValue());
        }
        return output.join().lines().toList();
    }
}
