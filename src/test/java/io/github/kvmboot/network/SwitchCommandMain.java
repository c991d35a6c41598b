package io.github.kvmboot.network;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;

/**
 * Runs the setup-switch core in a fresh JVM, so tests can run it as another user: arguments are
 * {@code property=value} pairs as -D would give them. Prints the log to stdout; exit 1 with
 * {@code ERROR: message} on a KvmbootException.
 */
public final class SwitchCommandMain {

    public static void main(String[] args) throws Exception {
        Map<String, String> cli = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            cli.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        BuildLog log = new BuildLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { System.out.println("[INFO] " + m); }
            @Override public void warn(String m) { System.out.println("[WARNING] " + m); }
            @Override public void error(String m) { System.out.println("[ERROR] " + m); }
            @Override public boolean isDebugEnabled() { return false; }
        };
        Path cwd = Path.of("").toAbsolutePath();
        HostEnvironment host = HostEnvironment.current(cwd, cwd.resolve("kvmboot-out"));
        try {
            new SwitchCommand(log, host::resolve, host::findExecutable, host.environment().getOrDefault("PATH", ""),
                    Path.of("/sys/class/net")).run(new SettingsResolver(Map.of(), cli, Map.of(), System.getenv()).resolve());
        } catch (KvmbootException e) {
            System.out.println("ERROR: " + e.getMessage());
            System.exit(1);
        }
    }
}
