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
import static io.github.kvmboot.config.Setting.SUSPEND;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.arch.Architecture;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.suspend.SuspendMode;

/** What the kernel-config and build goals need, checked and resolved from the settings. */
/**
 * @param suspendSupport kvmboot.suspend is set: kernel-config also merges kvmboot's suspend fragment
 *                       (CONFIG_SUSPEND, CONFIG_HIBERNATION), so the built kernel can run the cycles
 */
public record KbuildOptions(KernelTree tree, MakeCommand make, BaseConfig baseConfig, List<Path> fragments,
        boolean modules, Path outputDirectory, Architecture architecture, boolean suspendSupport) {

    /** What make LLVM=1 runs first: the compiler, the linker and the archiver. */
    private static final List<String> LLVM_TOOLS = List.of("clang", "ld.lld", "llvm-ar");

    public KbuildOptions(KernelTree tree, MakeCommand make, BaseConfig baseConfig, List<Path> fragments,
            boolean modules, Path outputDirectory) {
        this(tree, make, baseConfig, fragments, modules, outputDirectory, Architecture.X86_64, false);
    }

    public KbuildOptions(KernelTree tree, MakeCommand make, BaseConfig baseConfig, List<Path> fragments,
            boolean modules, Path outputDirectory, Architecture architecture) {
        this(tree, make, baseConfig, fragments, modules, outputDirectory, architecture, false);
    }

    /** The image make builds for the architecture (bzImage, Image). */
    public Path image() {
        return tree.output().resolve(architecture.treeImage());
    }

    public static KbuildOptions from(ResolvedSettings s, HostEnvironment host) throws KvmbootException {
        Path source = s.optional(KERNEL_TREE).map(host::resolve).orElse(host.basedir());
        Path output = s.optional(BUILD_DIR).map(host::resolve).orElse(source);
        Optional<KernelTree.Problem> problem = KernelTree.check(source, output);
        if (problem.isPresent()) {
            Setting about = problem.get().aboutBuildDir() ? BUILD_DIR : KERNEL_TREE;
            throw s.invalid(about, problem.get().problem(), problem.get().fix());
        }
        KernelTree tree = new KernelTree(source, output);

        Optional<String> arch = s.optional(ARCH).map(String::trim).filter(a -> !a.isEmpty());
        Architecture architecture = arch.isEmpty() ? Architecture.host().orElse(Architecture.X86_64)
                : Architecture.named(arch.get()).orElseThrow(() -> s.invalid(ARCH, "is not an architecture kvmboot builds",
                        "use one of " + Architecture.choices() + " (x86 too), or leave it unset (the host's)"));
        // make's own names: x86 and x86_64 as given, arm64, riscv
        Optional<String> makeArch = arch.map(a -> architecture == Architecture.X86_64 ? a : architecture.kbuildArch());
        Optional<String> crossCompile = s.optional(CROSS_COMPILE).map(String::trim).filter(c -> !c.isEmpty());
        boolean foreign = Architecture.host().map(h -> h != architecture).orElse(false);
        if (crossCompile.isEmpty() && foreign && !s.flag(Setting.LLVM)) {
            crossCompile = Optional.of(architecture.debianCrossCompile()); // Debian's gcc-<triplet> packages
        }
        if (crossCompile.isPresent() && !s.flag(Setting.LLVM) && host.findExecutable(crossCompile.get() + "gcc").isEmpty()) {
            Setting about = s.optional(CROSS_COMPILE).isPresent() ? CROSS_COMPILE : ARCH;
            throw s.invalid(about, "needs the cross compiler " + crossCompile.get() + "gcc, which is not on PATH",
                    "install it (Debian/Ubuntu: apt-get install gcc-" + crossCompile.get().replaceAll("-$", "")
                            + "), set kvmboot.crossCompile to the prefix of one you have, or build with kvmboot.llvm");
        }
        if (s.flag(Setting.LLVM)) {
            List<String> missing = LLVM_TOOLS.stream().filter(tool -> host.findExecutable(tool).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw s.invalid(Setting.LLVM, "needs " + String.join(", ", missing) + " on PATH for make LLVM=1",
                        "install the LLVM toolchain (Debian/Ubuntu: apt-get install clang lld llvm), or build with gcc"
                                + " (kvmboot.llvm=false; kvmboot.crossCompile for a foreign architecture)");
            }
        }
        int jobs = s.optionalPositiveInt(JOBS).orElse(host.hostCores());
        String make = host.findExecutable("make").map(Path::toString).orElseThrow(() -> new KernelBuildException(
                "make not found on PATH. Fix: install the kernel build tools (Debian: apt-get install"
                        + " make gcc flex bison bc libelf-dev)."));
        MakeCommand command = new MakeCommand(make, tree, makeArch, crossCompile, s.flag(Setting.LLVM), jobs);

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
                s.flag(BUILD_MODULES), outputDirectory, architecture, suspendSupport(s, architecture));
    }

    private static boolean suspendSupport(ResolvedSettings s, Architecture architecture) throws SettingException {
        if (s.choice(SUSPEND, SuspendMode.class) == SuspendMode.OFF) {
            return false;
        }
        if (!architecture.isPc()) {
            throw s.invalid(SUSPEND, "suspend cycles need the pc machine's ACPI, which kvmboot.arch=" + architecture
                    + " does not have", "leave kvmboot.suspend off for " + architecture);
        }
        return true;
    }
}
