package io.github.kvmboot.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.kvmboot.arch.Architecture;
import io.github.kvmboot.log.BuildLog;

/**
 * kvmboot:kernel-config: start from the build's .config (or the base configuration), merge
 * kvmboot's QEMU fragment and the user's fragments with merge_config.sh, run olddefconfig, and fail
 * listing every requested option that did not survive.
 */
public final class KernelConfigurator {

    static final String QEMU_FRAGMENT = "qemu.config";
    /** With kvmboot.suspend: suspend to RAM and hibernation, after the QEMU fragment (x86 only). */
    static final String SUSPEND_FRAGMENT = "qemu-suspend.config";

    private final BuildLog log;

    public KernelConfigurator(BuildLog log) {
        this.log = log;
    }

    public void configure(KbuildOptions options) throws KernelBuildException, InterruptedException {
        KernelTree tree = options.tree();
        MakeCommand make = options.make();
        try {
            Files.createDirectories(tree.output());
            Path dotConfig = tree.dotConfig();
            byte[] before = Files.exists(dotConfig) ? Files.readAllBytes(dotConfig) : null;
            FileTime beforeTime = before != null ? Files.getLastModifiedTime(dotConfig) : null;
            if (before == null) {
                for (String target : options.baseConfig().makeTargets()) {
                    log.info("kvmboot: no .config in " + tree.output() + ": make " + target);
                    runQuietly(make.argv(target), tree, "make " + target);
                }
            }
            List<Path> fragments = new ArrayList<>();
            fragments.add(writeFragment(options.outputDirectory(), qemuFragment(options.architecture())));
            if (options.suspendSupport()) {
                fragments.add(writeFragment(options.outputDirectory(), SUSPEND_FRAGMENT));
            }
            fragments.addAll(options.fragments());
            if (before != null) {
                log.info("kvmboot: starting from " + dotConfig);
                Optional<String> stamp = ConfigStamp.compute(tree, make, options.baseConfig(), fragments);
                if (stamp.isPresent() && stamp.equals(ConfigStamp.read(tree))) {
                    log.info("kvmboot: configuration unchanged: " + dotConfig + " (it, the fragments and the Kconfig"
                            + " files are as at the last kernel-config: merge_config.sh and olddefconfig skipped)");
                    return;
                }
            }
            ConfigStamp.delete(tree);
            log.info("kvmboot: merging " + fragments.stream().map(Path::toString).collect(Collectors.joining(", ")));
            runQuietly(make.mergeConfig(fragments), tree, "merge_config.sh");
            runQuietly(make.argv("olddefconfig"), tree, "make olddefconfig");

            check(tree, fragments);
            if (before != null && Arrays.equals(before, Files.readAllBytes(dotConfig))) {
                // same content: keep the old timestamp so make does not even re-sync the configuration
                Files.setLastModifiedTime(dotConfig, beforeTime);
                log.info("kvmboot: configuration unchanged: " + dotConfig);
            } else {
                log.info("kvmboot: configuration written: " + dotConfig);
            }
            Optional<String> stamp = ConfigStamp.compute(tree, make, options.baseConfig(), fragments);
            if (stamp.isPresent()) {
                ConfigStamp.write(tree, stamp.get());
            }
        } catch (IOException e) {
            throw new KernelBuildException("kernel-config: " + e);
        }
    }

    private void check(KernelTree tree, List<Path> fragments) throws IOException, KernelBuildException {
        Map<String, Map<String, String>> requested = new LinkedHashMap<>();
        for (Path fragment : fragments) {
            requested.put(fragment.toString(), ConfigFile.read(fragment));
        }
        List<UnsatisfiedOption> missing = ConfigCheck.unsatisfied(requested, ConfigFile.read(tree.dotConfig()));
        if (missing.isEmpty()) {
            return;
        }
        Set<String> symbols = missing.stream().map(m -> m.symbol().substring("CONFIG_".length()))
                .collect(Collectors.toSet());
        Map<String, List<KconfigIndex.Definition>> definitions = KconfigIndex.find(tree.source(), symbols);
        StringBuilder message = new StringBuilder("kernel-config: ").append(missing.size())
                .append(missing.size() == 1 ? " requested option" : " requested options")
                .append(" did not survive make olddefconfig: ")
                .append(missing.stream().map(UnsatisfiedOption::symbol).collect(Collectors.joining(", ")));
        for (UnsatisfiedOption option : missing) {
            message.append("\n  ").append(option.symbol()).append('=').append(option.requested())
                    .append(" (from ").append(option.fragment()).append(") ").append(option.describeActual());
            List<KconfigIndex.Definition> defs = definitions.get(option.symbol().substring("CONFIG_".length()));
            if (defs == null) {
                message.append(": no Kconfig in ").append(tree.source()).append(" defines it");
            } else {
                for (KconfigIndex.Definition def : defs) {
                    message.append("\n      defined in ").append(def.file());
                    def.dependsOn().forEach(d -> message.append("\n      depends on ").append(d));
                }
            }
        }
        message.append("\nFix: enable what they depend on in the same fragment (or find it with 'make menuconfig',"
                + " then / and the symbol name), correct the symbol names, or drop them from the fragment.");
        throw new KernelBuildException(message.toString());
    }

    /** The fragment for QEMU's PC (qemu.config) or virt board (qemu-arm64.config, qemu-riscv64.config). */
    static String qemuFragment(Architecture arch) {
        return arch.isPc() ? QEMU_FRAGMENT : "qemu-" + arch + ".config";
    }

    private Path writeFragment(Path outputDirectory, String name) throws IOException {
        Files.createDirectories(outputDirectory);
        Path target = outputDirectory.resolve("kvmboot-" + name);
        try (InputStream in = KernelConfigurator.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the plugin");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private void runQuietly(List<String> argv, KernelTree tree, String what)
            throws IOException, InterruptedException, KernelBuildException {
        log.debug("kvmboot: " + String.join(" ", argv));
        BuildOutput output = new BuildOutput(Integer.MAX_VALUE, p -> { });
        int exit = ToolRun.run(argv, tree.source(), line -> {
            log.debug(line);
            output.accept(line);
        });
        if (exit != 0) {
            throw new KernelBuildException("kernel-config: " + what + " failed (exit " + exit + "):\n  "
                    + String.join("\n  ", output.tail()));
        }
    }
}
