package io.github.kvmboot.install;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Image sizes as users write them for qemu-img: bytes, or a whole number with suffix K, M, G or T. */
public final class ImageSize {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([KMGT]?)", Pattern.CASE_INSENSITIVE);
    /** Smaller than this is surely a mistake (a missing suffix): 1 MiB. */
    static final long MINIMUM = 1L << 20;

    private ImageSize() {
    }

    /**
     * The size in bytes.
     *
     * @throws IllegalArgumentException with the reason, when the text is no size or below 1 MiB
     */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a size");
        }
        long number = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("is too large");
        }
        long bytes = number << shift;
        if (bytes < MINIMUM) {
            throw new IllegalArgumentException("is smaller than 1M (" + bytes + " bytes; a missing suffix?)");
        }
        return bytes;
    }

    /** A short human form: 6.0 GiB, 512.0 MiB, 1.2 KiB, 17 B. */
    public static String human(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
