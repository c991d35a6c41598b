package io.github.kvmboot.build;

import static io.github.kvmboot.config.Setting.ARCH;
import static io.github.kvmboot.config.Setting.BASE_CONFIG;
import static io.github.kvmboot.config.Setting.BUILD_DIR;
import static io.github.kvmboot.config.Setting.BUILD_MODULES;
import static io.github.kvmboot.config.Setting.CONFIG_FRAGMENTS;
import static io.github.kvmboot.config.Setting.CROSS_COMPILE;
import static io.github.kvmboot.config.Setting.JOBS;
import static io.github.kvmboot.config.Setting.KERNEL_TREE;
import static io.github.kvmboot.config.Setting.OUTPUT_DIRECTORY;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;

/** What the kernel-config and build goals need, checked and resolved from the settings. */
public record KbuildOptions(KernelTree tree, MakeCommand make, BaseConfig baseConfig, List<Path> fragments,
        boolean modules, Path outputDirectory) {

    private static final Set<String> X86_ARCHES = Set.of("x86", "x86_64");

    public static KbuildOptions from(ResolvedSettings s, HostEnvironment host) throws KvmbootException {
        Path source = s.optional(KERNEL_TREE).map(host::resolve).orElse(host.basedir());
        Path output = s.optional(BUILD_DIR).map(host::resolve).orElse(source);
        Optional<KernelTree.Problem> problem = KernelTree.check(source, output);
        if (problem.isPresent()) {
            Setting about = problem.get().aboutBuildDir() ? BUILD_DIR : KERNEL_TREE;
            throw s.invalid(about, problem.get().problem(), problem.get().fix());
        }
        KernelTree tree = new KernelTree(source, output);

        Optional<String> arch = s.optional(ARCH).map(String::trim);
        if (arch.isPresent() && !X86_ARCHES.contains(arch.get())) {
            throw s.invalid(ARCH, "kvmboot boots x86 guests, so it builds x86 kernels only",
                    "use x86_64 or x86, or leave it unset");
        }
        int jobs = s.optionalPositiveInt(JOBS).orElse(host.hostCores());
        String make = host.findExecutable("make").map(Path::toString).orElseThrow(() -> new KernelBuildException(
                "make not found on PATH. Fix: install the kernel build tools (Debian: apt-get install"
                        + " make gcc flex bison bc libelf-dev)."));
        MakeCommand command = new MakeCommand(make, tree, arch, s.optional(CROSS_COMPILE).map(String::trim),
                s.flag(Setting.LLVM), jobs);

        List<Path> fragments = new ArrayList<>();
        for (String name : s.optional(CONFIG_FRAGMENTS).map(v -> v.split(",")).orElse(new String[0])) {
            if (name.isBlank()) {
                continue;
            }
            Path fragment = host.resolve(name.trim());
            if (!Files.isRegularFile(fragment) || !Files.isReadable(fragment)) {
                throw s.invalid(CONFIG_FRAGMENTS, "no readable file " + fragment,
                        "list existing fragment files, separated by commas (relative to the project directory)");
            }
            fragments.add(fragment);
        }
        Path outputDirectory = s.optional(OUTPUT_DIRECTORY).map(host::resolve).orElse(host.defaultOutputDirectory());
        return new KbuildOptions(tree, command, s.choice(BASE_CONFIG, BaseConfig.class), fragments,
                s.flag(BUILD_MODULES), outputDirectory);
    }
}
