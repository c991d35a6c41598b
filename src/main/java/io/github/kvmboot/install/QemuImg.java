package io.github.kvmboot.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.json.Json;

/** The real {@code qemu-img}, run without a shell: image info, creation and consistency checks. */
public final class QemuImg {

    /** qemu-img on a local file answers in well under a second; this only guards against a hang. */
    private static final long TIMEOUT_SECONDS = 120;


    private final Path binary;

    public QemuImg(Path binary) {
        this.binary = binary;
    }

    public Path binary() {
        return binary;
    }

    /**
     * {@code qemu-img info --output=json}, taking the image's lock the way a reading QEMU would.
     *
     * @throws ImageLockedException when another process holds the image's write lock
     * @throws KvmbootException     when qemu-img cannot read the image
     */
    public ImageInfo info(Path image) throws KvmbootException, InterruptedException {
        Result r = run(List.of("info", "--output=json", image.toString()));
        if (r.exitCode() != 0) {
            if (r.stderr().contains("lock")) {
                throw new ImageLockedException(r.stderr().trim());
            }
            throw new KvmbootException("qemu-img cannot read " + image + ": " + r.stderr().trim());
        }
        try {
            JsonNode node = Json.parse(r.stdout());
            return new ImageInfo(node.path("format").asText(""), node.path("virtual-size").asLong(-1),
                    text(node, "backing-filename"), text(node, "backing-filename-format"));
        } catch (IOException e) {
            throw new KvmbootException("qemu-img info printed no JSON for " + image + ": " + r.stdout(), e);
        }
    }

    /**
     * Fails when another process holds a raw image's write lock. {@code qemu-img info} opens images
     * read-only, which QEMU's lock on a raw image allows; QEMU itself opens it read-write, as
     * {@code qemu-io} does here (the raw driver writes nothing on open or close).
     */
    public void checkRawNotInUse(Path image) throws KvmbootException, InterruptedException {
        Path qemuIo = binary.getParent() == null ? Path.of("qemu-io") : binary.resolveSibling("qemu-io");
        Result r = run(qemuIo, List.of("-f", "raw", "-c", "quit", image.toString()));
        if (r.exitCode() != 0 && r.stderr().contains("lock")) {
            throw new ImageLockedException(r.stderr().replace("qemu-io: can't open device " + image + ": ", "").trim());
        }
    }

    /**
     * {@code qemu-img create -f qcow2 [-b backing -F fmt] image size}. qemu-img itself overwrites
     * an existing file, so callers check first (see {@link DiskImages}).
     */
    public void create(Path image, long sizeBytes, Optional<Path> backing, Optional<String> backingFormat)
            throws KvmbootException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("create", "-q", "-f", "qcow2"));
        if (backing.isPresent()) {
            args.addAll(List.of("-b", backing.get().toString(), "-F", backingFormat.orElseThrow()));
        }
        args.add(image.toString());
        args.add(Long.toString(sizeBytes));
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new KvmbootException("qemu-img create " + image + " failed: " + r.stderr().trim());
        }
    }

    /** The result of {@code qemu-img check}; exit code 63 means the format has no checks (raw). */
    public record Check(int exitCode, String output) {
        /** No corruption: clean (0), only leaked clusters (3), or a format without checks (63). */
        public boolean consistent() {
            return exitCode == 0 || exitCode == 3 || exitCode == 63;
        }
    }

    public Check check(Path image) throws KvmbootException, InterruptedException {
        Result r = run(List.of("check", image.toString()));
        return new Check(r.exitCode(), (r.stdout() + r.stderr()).trim());
    }

    private record Result(int exitCode, String stdout, String stderr) { }

    private Result run(List<String> args) throws KvmbootException, InterruptedException {
        return run(binary, args);
    }

    private Result run(Path program, List<String> args) throws KvmbootException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new KvmbootException("cannot run " + program + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            String stdout = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new KvmbootException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), stdout, stderr.get());
        } catch (ExecutionException e) {
            throw new KvmbootException("cannot read the output of " + program + ": " + e.getCause().getMessage(), e);
        } finally {
            p.destroyForcibly();
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
