package io.github.kvmboot.log;

/**
 * The core's only view of logging. The Maven mojos adapt it to {@code getLog()}; tests and
 * benchmarks use {@link #toStderr()} or a collecting implementation.
 */
public interface BuildLog {
    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    boolean isDebugEnabled();

    /** A log that writes every level to standard error, prefixed with the level. */
    static BuildLog toStderr() {
        return new BuildLog() {
            @Override public void debug(String m) { System.err.println("[DEBUG] " + m); }
            @Override public void info(String m) { System.err.println("[INFO] " + m); }
            @Override public void warn(String m) { System.err.println("[WARNING] " + m); }
            @Override public void error(String m) { System.err.println("[ERROR] " + m); }
            @Override public boolean isDebugEnabled() { return true; }
        };
    }
}
