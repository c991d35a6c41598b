package io.github.kvmboot.boot;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

import io.github.kvmboot.Executables;

/**
 * What the planner needs to know about the machine and the invocation, passed in so tests can
 * describe another machine (another PATH, HOME, core count) without touching this one.
 */
public record HostEnvironment(
        Path basedir,
        Path defaultOutputDirectory,
        Path home,
        int hostCores,
        Map<String, String> environment,
        boolean terminalAttached,
        Path cacheDirectory) {

    public static HostEnvironment current(Path basedir, Path defaultOutputDirectory) {
        Path home = Paths.get(System.getProperty("user.home"));
        String xdgCache = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdgCache != null && !xdgCache.isBlank() ? Paths.get(xdgCache) : home.resolve(".cache"))
                .resolve("kvmboot");
        return new HostEnvironment(basedir, defaultOutputDirectory, home,
                Runtime.getRuntime().availableProcessors(), System.getenv(),
                System.console() != null, cache);
    }

    /** Resolves a relative path against the project base directory. */
    public Path resolve(String path) {
        Path p = Paths.get(path);
        return (p.isAbsolute() ? p : basedir.resolve(p)).normalize();
    }

    /** Finds an executable the way a shell would: a name with a slash relative to basedir, else on PATH. */
    public Optional<Path> findExecutable(String name) {
        return Executables.find(name.contains("/") ? resolve(name).toString() : name,
                environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
    }
}
