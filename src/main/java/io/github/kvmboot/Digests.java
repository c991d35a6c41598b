package io.github.kvmboot;

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
}
