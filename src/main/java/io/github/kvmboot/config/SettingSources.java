package io.github.kvmboot.config;

import java.util.ArrayList;
import java.util.List;

/** Describes the places a setting can be given, for "is not set" messages. */
final class SettingSources {

    private SettingSources() {
    }

    /** E.g. "<kernel> in the plugin configuration, kvmboot.kernel or kernel as -D or POM property, environment variable KVM_BOOT_KERNEL". */
    static String describe(Setting setting) {
        List<String> places = new ArrayList<>();
        places.add("<" + setting.parameterName() + "> in the plugin configuration");
        places.add(String.join(" or ", setting.properties()) + " as -D or POM property");
        if (setting.envVar() != null) {
            places.add("environment variable " + setting.envVar());
        }
        return String.join(", ", places);
    }
}
