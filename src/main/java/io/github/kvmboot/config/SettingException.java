package io.github.kvmboot.config;

import io.github.kvmboot.KvmbootException;

/**
 * A bad or missing setting. The one-line message names the setting, the value, where the value
 * came from, what is wrong and how to fix it:
 * <pre>
 * kvmboot.memory = 'abc' (from -Dkvmboot.memory on the command line): not a memory size. Fix: give MiB (2048) or ...
 * kvmboot.kernel is not set (looked for ...): a kernel image is needed. Fix: ...
 * </pre>
 */
public class SettingException extends KvmbootException {
    private static final long serialVersionUID = 1L;

    private final transient SettingValue settingValue;
    private final String problem;
    private final String fix;

    public SettingException(SettingValue value, String problem, String fix) {
        super(message(value, problem, fix));
        this.settingValue = value;
        this.problem = problem;
        this.fix = fix;
    }

    public Setting setting() {
        return settingValue.setting();
    }

    public SettingValue settingValue() {
        return settingValue;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }

    private static String message(SettingValue value, String problem, String fix) {
        String name = value.setting().canonicalProperty();
        String subject = value.isSet()
                ? name + " = '" + oneLine(value.value()) + "' (from " + value.origin() + ")"
                : name + " is not set (looked for " + SettingSources.describe(value.setting()) + ")";
        return subject + ": " + withoutFinalPeriod(problem) + ". Fix: " + withoutFinalPeriod(fix) + ".";
    }

    static String oneLine(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String withoutFinalPeriod(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
