package io.github.kvmboot.suspend;

import java.util.Locale;

/** The values of {@code kvmboot.suspend}: the word the guest writes to {@code /sys/power/state}. */
public enum SuspendMode {
    OFF("", "", ""),
    MEM("mem", "to RAM (S3)", "CONFIG_SUSPEND"),
    FREEZE("freeze", "to idle (s2idle)", "CONFIG_SUSPEND"),
    DISK("disk", "to disk (S4, hibernation)", "CONFIG_HIBERNATION");

    private final String stateWord;
    private final String description;
    private final String kernelOption;

    SuspendMode(String stateWord, String description, String kernelOption) {
        this.stateWord = stateWord;
        this.description = description;
        this.kernelOption = kernelOption;
    }

    /** What init writes to /sys/power/state, and the mode's name in test case names. */
    public String stateWord() {
        return stateWord;
    }

    /** E.g. "to RAM (S3)". */
    public String description() {
        return description;
    }

    /** The kernel option without which /sys/power/state does not offer {@link #stateWord()}. */
    public String kernelOption() {
        return kernelOption;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
