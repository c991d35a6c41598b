package io.github.kvmboot.guest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A host directory made visible in the guest over 9p: QEMU mount tag and guest mount point. */
public record Share(Path hostDirectory, String guestPath, String tag) {

    /**
     * Parses the comma-separated {@code kvmboot.share} value: {@code /host} or {@code /host:/guest}.
     * A single share without a guest path is mounted at {@code /share}; several at
     * {@code /share/<host directory name>}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static List<Share> parse(String value, java.util.function.Function<String, Path> resolve) {
        return parse(value, resolve, false);
    }

    /** @param atHostPaths a share without a guest path is mounted at its host path (the guest sees the host's tree) */
    public static List<Share> parse(String value, java.util.function.Function<String, Path> resolve, boolean atHostPaths) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int colon = item.indexOf(':');
            String host = colon < 0 ? item : item.substring(0, colon);
            Path hostDir = resolve.apply(host).normalize();
            String guest;
            if (colon >= 0) {
                guest = item.substring(colon + 1);
            } else if (atHostPaths) {
                guest = hostDir.toString();
            } else if (items.size() == 1) {
                guest = "/share";
            } else {
                guest = "/share/" + (hostDir.getFileName() == null ? "root" : hostDir.getFileName().toString());
            }
            if (!guest.startsWith("/") || guest.contains("..") || !guest.matches("[A-Za-z0-9._/+@=-]+")) {
                throw new IllegalArgumentException("guest path '" + guest + "' of '" + item
                        + "' must be an absolute path of letters, digits and ._/+@=-");
            }
            for (Share earlier : shares) {
                if (earlier.guestPath().equals(guest)) {
                    throw new IllegalArgumentException("two shares are mounted at " + guest);
                }
            }
            shares.add(new Share(hostDir, guest, "kvmboot" + i));
        }
        return shares;
    }
}
