package io.github.kvmboot.config;

/** Where a setting's value came from, highest precedence first. */
public enum Source {
    PLUGIN_CONFIGURATION,
    COMMAND_LINE,
    POM_PROPERTY,
    ENVIRONMENT,
    DEFAULT;
}
