package io.github.kvmboot.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.Executables;

/**
 * {@code setsid --}: a child that is meant to outlive the JVM (kvmboot.keepRunning) runs in a
 * session of its own, so the Ctrl-C of the terminal Maven ran in does not reach it, and without the
 * {@link ParentDeathSignal}, so the JVM's end does not stop it. Whoever stops it later finds it by
 * its {@code guest.json}.
 */
public final class Detached {

    private Detached() {
    }

    /** The prefix, or an empty list when setsid (util-linux) is not on PATH. */
    public static List<String> launchPrefix() {
        Optional<Path> setsid = Executables.find("setsid");
        return setsid.isPresent() ? List.of(setsid.get().toString(), "--") : List.of();
    }
}
