package io.github.kvmboot.boot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.kvmboot.Executables;
import io.github.kvmboot.kernel.Vmlinux;
import io.github.kvmboot.process.ParentDeathSignal;
import io.github.kvmboot.qemu.ShellQuoting;

/**
 * What a CI report says about the run ({@code <properties>} of the JUnit XML, {@code properties}
 * of the JSON summary): kernel release, image and its sha256, QEMU command line, accelerator,
 * architecture and, for a kernel of a build tree, the sha256 of its {@code .config}.
 */
final class RunProperties {

    private static final long DIGEST_WAIT_SECONDS = 60;

    private RunProperties() {
    }

    /**
     * The facts, in the report's order. The digests are computed beside the boot, not before it: they
     * are only read when the report is written, and hashing Debian's kernel took ~0.1 s before QEMU
     * could start.
     */
    static Supplier<Map<String, String>> of(KernelPlanner.Target target, Machine machine, List<String> command) {
        Map<String, CompletableFuture<Optional<String>>> facts = new LinkedHashMap<>();
        if (target.kernel().isPresent()) {
            Path image = target.kernel().get();
            facts.put("kvmboot.kernel.release", known(target.release()));
            facts.put("kvmboot.kernel.image", known(image.toString()));
            facts.put("kvmboot.kernel.sha256", digestBeside(image));
            Vmlinux.buildDirectoryOf(image).map(tree -> tree.resolve(".config")).filter(Files::isRegularFile)
                    .ifPresent(config -> facts.put("kvmboot.kernel.config.sha256", digestBeside(config)));
        }
        facts.put("kvmboot.accelerator", known(machine.accelerator().name().toLowerCase(Locale.ROOT)));
        facts.put("kvmboot.arch", known(architecture(machine.qemu())));
        facts.put("kvmboot.qemu.command", known(ShellQuoting.join(command)));
        return () -> {
            Map<String, String> properties = new LinkedHashMap<>();
            facts.forEach((name, fact) -> await(fact).ifPresent(value -> properties.put(name, value)));
            return properties;
        };
    }

    private static CompletableFuture<Optional<String>> known(String value) {
        return CompletableFuture.completedFuture(Optional.of(value));
    }

    private static CompletableFuture<Optional<String>> digestBeside(Path file) {
        return CompletableFuture.supplyAsync(() -> sha256(file), task -> {
            Thread thread = new Thread(task, "kvmboot-sha256");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** A digest that does not come in time is left out of the report rather than holding it up. */
    private static Optional<String> await(CompletableFuture<Optional<String>> fact) {
        try {
            return fact.get(DIGEST_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    /** qemu-system-x86_64 emulates x86_64: the binary's suffix names the guest architecture. */
    static String architecture(Path qemu) {
        String name = qemu.getFileName().toString();
        return name.startsWith("qemu-system-") ? name.substring("qemu-system-".length()) : name;
    }

    /**
     * The file's SHA-256, by coreutils' sha256sum when there is one: in the plugin's still cold
     * JVM, MessageDigest ran interpreted at ~20 MB/s, 0.4 s for Debian's kernel before QEMU could
     * start; sha256sum takes 0.1 s.
     */
    static Optional<String> sha256(Path file) {
        Optional<Path> tool = Executables.find("sha256sum");
        if (tool.isPresent()) {
            try {
                List<String> argv = new ArrayList<>(ParentDeathSignal.launchPrefix()); // gone with a killed Maven
                argv.addAll(List.of(tool.get().toString(), "--", file.toString()));
                Process p = new ProcessBuilder(argv)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.PIPE).start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                if (p.waitFor() == 0 && out.matches("(?s)[0-9a-f]{64} .*")) {
                    return Optional.of(out.substring(0, 64));
                }
            } catch (IOException e) {
                // the JDK's digest below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty(); // a report without the hash rather than no report
        }
    }
}
