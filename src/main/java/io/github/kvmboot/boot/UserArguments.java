package io.github.kvmboot.boot;

import java.util.List;

import org.codehaus.plexus.util.cli.CommandLineUtils;

import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;

/** QEMU arguments the user typed (kvmboot.command, useTarget, ...): split like a shell would, never run by one. */
final class UserArguments {

    private UserArguments() {
    }

    static List<String> split(ResolvedSettings s, Setting setting) throws SettingException {
        String value = s.optional(setting).orElse("");
        try {
            return List.of(CommandLineUtils.translateCommandline(value));
        } catch (Exception e) {
            throw s.invalid(setting, "cannot be split into arguments the way a shell would: " + e.getMessage(),
                    "balance the quotes (' and \"); no shell runs it, so quote exactly as you would at a prompt");
        }
    }
}
