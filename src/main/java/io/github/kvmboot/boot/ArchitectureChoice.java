package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.ARCH;
import static io.github.kvmboot.config.Setting.KERNEL;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.arch.Architecture;
import io.github.kvmboot.arch.KernelImages;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;

/** The guest's architecture: kvmboot.arch when given, checked against the kernel image's header, else the header's. */
final class ArchitectureChoice {

    private ArchitectureChoice() {
    }

    /** kvmboot.arch, when given. */
    static Optional<Architecture> requested(ResolvedSettings s) throws SettingException {
        Optional<String> value = s.optional(ARCH).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Architecture> arch = Architecture.named(value.get());
        if (arch.isEmpty()) {
            throw s.invalid(ARCH, "is not an architecture kvmboot boots", "use one of " + Architecture.choices()
                    + " (or leave it unset: the kernel image's header tells)");
        }
        return arch;
    }

    /** The tree images to look for in a kernel tree: the requested architecture's, else x86's first, then the others. */
    static List<String> treeImages(Optional<Architecture> requested) {
        if (requested.isPresent()) {
            return List.of(requested.get().treeImage());
        }
        List<String> all = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            all.add(a.treeImage());
        }
        return all;
    }

    /**
     * The architecture of {@code image}: its header's (an image kvmboot does not recognise counts as
     * x86, whose checks then say what it is), which must agree with kvmboot.arch.
     */
    static Architecture of(ResolvedSettings s, Path image, Optional<Architecture> requested) throws SettingException {
        Optional<Architecture> found;
        try {
            found = KernelImages.architecture(image);
        } catch (IOException e) {
            found = Optional.empty(); // the image's own checks report it
        }
        if (found.isPresent() && requested.isPresent() && found.get() != requested.get()) {
            throw s.invalid(ARCH, "contradicts the kernel: " + image + " (" + s.get(KERNEL).origin() + ") is an "
                    + found.get() + " kernel, not " + requested.get(),
                    "boot an " + requested.get() + " kernel, or drop kvmboot.arch (the image's header tells)");
        }
        return found.or(() -> requested).orElse(Architecture.X86_64);
    }
}
