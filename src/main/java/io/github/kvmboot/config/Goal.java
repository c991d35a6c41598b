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
    WAKEUP("wakeup"),
    // issue 10: guests for integration tests
    /** Runs boot's guest, so it reads every setting boot reads (see {@link #alsoReadsSettingsOf()}). */
    START("start", BOOT),
    STOP("stop"),
    QMP("qmp");

    private final String goalName;
    private final Goal settingsOf;

    Goal(String goalName) {
        this(goalName, null);
    }

    Goal(String goalName, Goal settingsOf) {
        this.goalName = goalName;
        this.settingsOf = settingsOf;
    }

    /** The goal whose settings this one reads as well (start reads boot's), or null. */
    public Goal alsoReadsSettingsOf() {
        return settingsOf;
    }

    /** The name after {@code kvmboot:} on the command line, as in the mojo's {@code @Mojo(name)}. */
    public String goalName() {
        return goalName;
    }
}
