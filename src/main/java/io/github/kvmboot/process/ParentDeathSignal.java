package io.github.kvmboot.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.Executables;

/**
 * {@code setpriv --pdeathsig TERM --}: a child started with this prefix (from a
 * {@link DedicatedLauncher} thread) gets SIGTERM when its launching thread dies, even when the JVM
 * is killed with SIGKILL. QEMU and helper daemons are launched this way.
 */
public final class ParentDeathSignal {

    private ParentDeathSignal() {
    }

    /** The prefix, or an empty list when setpriv (util-linux) is not on PATH. */
    public static List<String> launchPrefix() {
        Optional<Path> setpriv = Executables.find("setpriv");
        return setpriv.isPresent() ? List.of(setpriv.get().toString(), "--pdeathsig", "TERM", "--") : List.of();
    }
}
