package io.github.kvmboot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Message digests every JDK has. */
public final class Digests {

    private Digests() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Adds what identifies a host file's version without reading it (path, size, time, inode) to a
     * cache key: reading a kernel or busybox to digest it was a cost of every boot in the cold JVM.
     */
    public static void addFileIdentity(MessageDigest digest, Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        byte[] identity = (file.toAbsolutePath() + " " + a.size() + " " + a.lastModifiedTime().toMillis() + " " + a.fileKey())
                .getBytes(StandardCharsets.UTF_8);
        digest.update((identity.length + ":").getBytes(StandardCharsets.US_ASCII)); // length-prefixed: keys cannot run together
        digest.update(identity);
    }
}
