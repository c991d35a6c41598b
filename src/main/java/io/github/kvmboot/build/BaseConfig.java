package io.github.kvmboot.build;

import java.util.List;

/** The configuration to start from when the build has no .config yet (kvmboot.baseConfig). */
public enum BaseConfig {
    TINYCONFIG(List.of("tinyconfig")),
    DEFCONFIG(List.of("defconfig")),
    KVM_GUEST(List.of("defconfig", "kvm_guest.config"));

    private final List<String> makeTargets;

    BaseConfig(List<String> makeTargets) {
        this.makeTargets = makeTargets;
    }

    /** The make targets that produce it, one make run each. */
    public List<String> makeTargets() {
        return makeTargets;
    }
}
