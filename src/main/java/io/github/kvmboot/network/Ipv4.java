package io.github.kvmboot.network;

import java.util.regex.Pattern;

/** An IPv4 address as an unsigned 32-bit number; parses only the strict dotted-quad form. */
public record Ipv4(long bits) implements Comparable<Ipv4> {

    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Parses {@code a.b.c.d} (each 0..255); anything else is an {@link IllegalArgumentException}. */
    public static Ipv4 parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!DOTTED_QUAD.matcher(t).matches()) {
            throw new IllegalArgumentException("not an IPv4 address (a.b.c.d)");
        }
        long bits = 0;
        for (String part : t.split("\\.")) {
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address: " + octet + " is over 255");
            }
            bits = bits << 8 | octet;
        }
        return new Ipv4(bits);
    }

    /** The prefix length of a netmask, or -1 when its one-bits are not contiguous. */
    public int prefixLength() {
        int ones = Long.bitCount(bits);
        long expected = ones == 0 ? 0 : (0xFFFFFFFFL << (32 - ones)) & 0xFFFFFFFFL;
        return bits == expected ? ones : -1;
    }

    public Ipv4 and(Ipv4 mask) {
        return new Ipv4(bits & mask.bits);
    }

    public Ipv4 or(long other) {
        return new Ipv4((bits | other) & 0xFFFFFFFFL);
    }

    @Override
    public int compareTo(Ipv4 o) {
        return Long.compare(bits, o.bits);
    }

    @Override
    public String toString() {
        return (bits >> 24 & 255) + "." + (bits >> 16 & 255) + "." + (bits >> 8 & 255) + "." + (bits & 255);
    }
}
