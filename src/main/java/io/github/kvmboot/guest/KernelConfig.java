package io.github.kvmboot.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A kernel's {@code .config}, when one can be found next to the image. */
public final class KernelConfig {

    /** What kvmboot.share needs in the guest kernel. */
    public static final List<String> NINE_P = List.of("CONFIG_NET_9P", "CONFIG_NET_9P_VIRTIO", "CONFIG_9P_FS", "CONFIG_VIRTIO_PCI");

    /** What kvmboot.rootfs=host over virtiofs needs in the guest kernel. */
    public static final List<String> VIRTIO_FS = List.of("CONFIG_FUSE_FS", "CONFIG_VIRTIO_FS", "CONFIG_VIRTIO_PCI");
    /** What the writable directories of kvmboot.rootfs=host need. */
    /** What the swap disk of kvmboot.suspend=disk needs. */
    public static final List<String> VIRTIO_BLK = List.of("CONFIG_VIRTIO_BLK", "CONFIG_VIRTIO_PCI");
    public static final List<String> OVERLAY_FS = List.of("CONFIG_OVERLAY_FS");

    private final Path file;
    private final Map<String, String> options;

    private KernelConfig(Path file, Map<String, String> options) {
        this.file = file;
        this.options = options;
    }

    /**
     * {@code /boot/config-<release>} beside {@code /boot/vmlinuz-<release>}, or the tree's
     * {@code .config} for {@code <tree>/arch/x86/boot/bzImage}.
     */
    public static Optional<KernelConfig> find(Path kernelImage, String release) throws IOException {
        Path dir = kernelImage.toAbsolutePath().getParent();
        List<Path> candidates = new java.util.ArrayList<>();
        candidates.add(dir.resolve("config-" + release));
        Path tree = dir;
        for (int i = 0; i < 3 && tree != null; i++) {
            tree = tree.getParent();
        }
        if (tree != null) {
            candidates.add(tree.resolve(".config"));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return Optional.of(parse(candidate));
            }
        }
        return Optional.empty();
    }

    static KernelConfig parse(Path file) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (line.startsWith("CONFIG_") && eq > 0) {
                options.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new KernelConfig(file, options);
    }

    public Path file() {
        return file;
    }

    /** {@code y}, {@code m}, or empty when not set. */
    public Optional<String> value(String option) {
        return Optional.ofNullable(options.get(option));
    }
}
