package io.github.kvmboot.qemu;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * KVM probe results in a properties file, one entry per cache key (several QEMU binaries can
 * share the file). Entries are named by a hash of the key; the key text is stored alongside and
 * compared on read, so a hash collision cannot return a wrong result.
 */
final class ProbeCache {

    private final Path file;

    ProbeCache(Path file) {
        this.file = file;
    }

    Optional<KvmProbe.ProbeResult> read(String key) throws IOException {
        Properties props = load();
        String entry = entryName(key);
        if (!key.equals(props.getProperty(entry + ".key"))) {
            return Optional.empty();
        }
        String usable = props.getProperty(entry + ".usable");
        String reason = props.getProperty(entry + ".reason");
        if (usable == null || reason == null) {
            return Optional.empty();
        }
        return Optional.of(new KvmProbe.ProbeResult(Boolean.parseBoolean(usable), reason, true));
    }

    /** Rewrites the whole file through a temporary file and an atomic rename. */
    void write(String key, KvmProbe.ProbeResult result) throws IOException {
        Properties props = load();
        String entry = entryName(key);
        props.setProperty(entry + ".key", key);
        props.setProperty(entry + ".usable", Boolean.toString(result.usable()));
        props.setProperty(entry + ".reason", result.reason());
        props.setProperty(entry + ".probedAt", Instant.now().toString());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                props.store(out, "kvmboot KVM usability probe results; delete to probe again");
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Properties load() throws IOException {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
            }
        }
        return props;
    }

    private static String entryName(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "probe." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required in every JDK", e);
        }
    }
}
