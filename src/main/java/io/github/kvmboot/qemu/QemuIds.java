package io.github.kvmboot.qemu;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ids one QEMU command line declares. QEMU keeps one namespace per kind (a chardev and a
 * netdev may both be called {@code net0}) and refuses a duplicate only when it starts, so the
 * builder refuses it while the command is being written.
 */
final class QemuIds {

    enum Kind {
        CHARDEV("character device"), NETDEV("network backend"), FSDEV("file system device"), OBJECT("object"),
        DRIVE("drive");

        private final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /** QEMU's rule for ids: a letter, then letters, digits, '-', '.', '_'. */
    private static final Pattern QEMU_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

    private final Map<Kind, Set<String>> declared = new EnumMap<>(Kind.class);

    /** Records {@code id} as declared; returns it. */
    String declare(Kind kind, String id) {
        if (id == null || !QEMU_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("'" + id + "' is not a valid QEMU id"
                    + " (a letter, then letters, digits, '-', '.', '_')");
        }
        if (!declared.computeIfAbsent(kind, k -> new HashSet<>()).add(id)) {
            throw new IllegalStateException(kind.description + " id '" + id + "' is already used");
        }
        return id;
    }

    /** Returns {@code id} when it was declared before: a device can only refer to a backend before it. */
    String requireDeclared(Kind kind, String id) {
        if (!declared.getOrDefault(kind, Set.of()).contains(id)) {
            throw new IllegalStateException("no " + kind.description + " with id '" + id + "' declared before");
        }
        return id;
    }
}
