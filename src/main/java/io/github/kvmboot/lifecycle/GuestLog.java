package io.github.kvmboot.lifecycle;

import io.github.kvmboot.log.BuildLog;

/**
 * The supervisor's log for a started guest: every line (the console streams on while tests and
 * other guests log) begins with the guest's name, so interleaved output stays readable.
 */
final class GuestLog implements BuildLog {

    private final BuildLog log;
    private final String prefix;

    GuestLog(BuildLog log, String guestName) {
        this.log = log;
        this.prefix = "[" + guestName + "] ";
    }

    @Override
    public void debug(String message) {
        log.debug(prefix + message);
    }

    @Override
    public void info(String message) {
        log.info(prefix + message);
    }

    @Override
    public void warn(String message) {
        log.warn(prefix + message);
    }

    @Override
    public void error(String message) {
        log.error(prefix + message);
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }
}
