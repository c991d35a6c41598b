package io.github.kvmboot.guest;

import java.util.Objects;

/**
 * Shell lines (busybox sh) a feature adds to the generated {@code /init}, at the two points where
 * it may need them. Each must quote what it takes from the user.
 *
 * @param beforeStatusPort run after the modules are loaded and before init opens its status port
 *                         and draws its nonce: a guest resuming from its hibernation image resumes
 *                         here, before a fresh init could write a start line of its own
 * @param beforeCommand    run right before the command (e.g. suspend cycles), the status port open
 */
public record InitHooks(String beforeStatusPort, String beforeCommand) {

    public static final InitHooks NONE = new InitHooks("", "");

    public InitHooks {
        Objects.requireNonNull(beforeStatusPort, "beforeStatusPort");
        Objects.requireNonNull(beforeCommand, "beforeCommand");
    }

    public static InitHooks beforeCommand(String lines) {
        return new InitHooks("", lines);
    }
}
