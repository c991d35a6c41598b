package io.github.kvmboot.config;

/** What kind of value a {@link Setting} takes, for the docs and for checks on the settings table. */
public enum ValueType {
    TEXT("text"),
    /** A file or directory, relative to the project base directory. */
    PATH("path"),
    /** Comma-separated paths. */
    PATHS("paths, comma-separated"),
    /** Comma-separated names. */
    NAMES("names, comma-separated"),
    /** true/false (also yes/no, on/off, 1/0); blank means true. */
    FLAG("flag"),
    /** Seconds, or a whole number with suffix s, m or h. */
    DURATION("duration"),
    /** A size in bytes with suffix M, G or T (MiB without one). */
    SIZE("size"),
    /** A whole number of 1 or more. */
    COUNT("count"),
    /** A Java regular expression. */
    REGEX("regex"),
    /** One of a fixed list of words, see {@link Setting#choices()}. */
    CHOICE("choice"),
    IPV4_ADDRESS("IPv4 address"),
    MAC_ADDRESS("MAC address"),
    /** Words split like a shell would (never run by one). */
    ARGUMENTS("arguments"),
    /** Comma-separated {@code tcp:<guestPort>} or {@code tcp:<hostPort>:<guestPort>}. */
    PORT_FORWARDS("port forwards, comma-separated");

    private final String label;

    ValueType(String label) {
        this.label = label;
    }

    /** How the docs name the type, e.g. "path". */
    public String label() {
        return label;
    }
}
