package io.github.kvmboot.config;

/**
 * The plugin's goals, as far as settings are concerned: each {@link Setting} lists the goals that
 * read it, and each mojo names its goal once. A new goal is one constant here, the settings it
 * reads listing it, and one thin mojo.
 */
public enum Goal {
    BOOT("boot"),
    INSTALL_GUEST("install-guest"),
    SETUP_SWITCH("setup-switch"),
    KERNEL_CONFIG("kernel-config"),
    BUILD("build"),
    WAKEUP("wakeup");

    private final String goalName;

    Goal(String goalName) {
        this.goalName = goalName;
    }

    /** The name after {@code kvmboot:} on the command line, as in the mojo's {@code @Mojo(name)}. */
    public String goalName() {
        return goalName;
    }
}
