package io.github.kvmboot.network;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Guest MAC addresses: QEMU's locally administered prefix 52:54:00 plus three bytes of a SHA-256 of
 * a path that identifies the guest (its disk image, or for a kernel-only boot its output directory).
 * The same image always gets the same address (so DHCP leases stay), different images get different
 * ones. One image cannot run twice at once (QEMU locks it; one output directory runs one guest).
 */
public final class GuestMac {

    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    private GuestMac() {
    }

    public static String forPath(Path identity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(identity.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return String.format(Locale.ROOT, "52:54:00:%02x:%02x:%02x", hash[0], hash[1], hash[2]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the text is a usable unicast MAC, else what is wrong with it. */
    public static String problem(String text) {
        if (!MAC.matcher(text).matches()) {
            return "not a MAC address (six hex pairs separated by ':', e.g. 52:54:00:12:34:56)";
        }
        int first = Integer.parseInt(text.substring(0, 2), 16);
        if ((first & 1) == 1) {
            return "a multicast address (the lowest bit of the first byte is set); a NIC needs a unicast one";
        }
        return null;
    }
}
