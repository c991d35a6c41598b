package io.github.kvmboot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.kvmboot.KvmbootException;
import org.junit.jupiter.api.Test;

class SettingExceptionTest {

    @Test
    void setValueMessage() {
        SettingException e = new SettingException(
                new SettingValue(Setting.MEMORY, "abc", Source.COMMAND_LINE, "kvmboot.memory"),
                "not a memory size", "give MiB (2048) or a size with suffix M or G (2G)");

        assertEquals("kvmboot.memory = 'abc' (from -Dkvmboot.memory on the command line): not a memory size."
                + " Fix: give MiB (2048) or a size with suffix M or G (2G).", e.getMessage());
        assertInstanceOf(KvmbootException.class, e);
    }

    @Test
    void finalPeriodsAreNotDoubled() {
        SettingException e = new SettingException(
                new SettingValue(Setting.QEMU, "qemu-x", Source.ENVIRONMENT, "KVM_BOOT_QEMU"),
                "not found on PATH.", "install qemu-system-x86.");

        assertEquals("kvmboot.qemu = 'qemu-x' (from environment variable KVM_BOOT_QEMU): not found on PATH."
                + " Fix: install qemu-system-x86.", e.getMessage());
    }

    @Test
    void unsetMessageOfASettingWithoutEnvVar() {
        SettingException e = new SettingException(new SettingValue(Setting.EXPECT, null, Source.DEFAULT, null),
                "boot-test needs a success pattern", "set <expect>");

        assertEquals("kvmboot.expect is not set (looked for <expect> in the plugin configuration,"
                + " kvmboot.expect as -D or POM property): boot-test needs a success pattern. Fix: set <expect>.",
                e.getMessage());
    }
}
