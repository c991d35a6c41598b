package io.github.kvmboot.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The make invocation for a kernel tree: {@code make -C <source> [O=] [ARCH=] [CROSS_COMPILE=]
 * [LLVM=1] -jN <targets>}, as an argument list (never a shell string).
 */
public record MakeCommand(String make, KernelTree tree, Optional<String> arch, Optional<String> crossCompile,
        boolean llvm, int jobs) {

    public List<String> argv(String... targets) {
        List<String> argv = new ArrayList<>(List.of(make, "-C", tree.source().toString()));
        if (tree.outOfTree()) {
            argv.add("O=" + tree.output());
        }
        arch.ifPresent(a -> argv.add("ARCH=" + a));
        crossCompile.ifPresent(c -> argv.add("CROSS_COMPILE=" + c));
        if (llvm) {
            argv.add("LLVM=1");
        }
        argv.add("-j" + jobs);
        argv.addAll(List.of(targets));
        return argv;
    }

    /** scripts/kconfig/merge_config.sh -m: merge the fragments into the .config without running make. */
    public List<String> mergeConfig(List<Path> fragments) {
        List<String> argv = new ArrayList<>(List.of(
                tree.source().resolve("scripts/kconfig/merge_config.sh").toString(),
                "-m", "-O", tree.output().toString(), tree.dotConfig().toString()));
        fragments.forEach(f -> argv.add(f.toString()));
        return argv;
    }
}
