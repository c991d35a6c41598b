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

    private RunProperties() {
    }

    static Map<String, String> of(KernelPlanner.Target target, Machine machine, List<String> command) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (target.kernel().isPresent()) {
            Path image = target.kernel().get();
            properties.put("kvmboot.kernel.release", target.release());
            properties.put("kvmboot.kernel.image", image.toString());
            sha256(image).ifPresent(hash -> properties.put("kvmboot.kernel.sha256", hash));
            Vmlinux.buildDirectoryOf(image).map(tree -> tree.resolve(".config")).filter(Files::isRegularFile)
                    .flatMap(RunProperties::sha256)
                    .ifPresent(hash -> properties.put("kvmboot.kernel.config.sha256", hash));
        }
        properties.put("kvmboot.accelerator", machine.accelerator().name().toLowerCase(Locale.ROOT));
        properties.put("kvmboot.arch", architecture(machine.qemu()));
        properties.put("kvmboot.qemu.command", ShellQuoting.join(command));
        return properties;
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
