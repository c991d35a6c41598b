package io.github.kvmboot.maven;

import org.apache.maven.plugin.logging.Log;

import io.github.kvmboot.log.BuildLog;

/** Adapts the core's {@link BuildLog} to the mojo's Maven log. */
final class MavenBuildLog implements BuildLog {
    private final Log log;

    MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override public void debug(String message) { log.debug(message); }
    @Override public void info(String message) { log.info(message); }
    @Override public void warn(String message) { log.warn(message); }
    @Override public void error(String message) { log.error(message); }
    @Override public boolean isDebugEnabled() { return log.isDebugEnabled(); }
}
