package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.SettingsResolver;

/**
 * KernelBuilder with real make and gcc on a miniature tree whose Makefile prints kbuild-style
 * lines and compiles real C (a real kernel build is KernelBuildIT's job).
 */
class KernelBuilderTest {

    @TempDir
    Path dir;

    private static final String MAKEFILE = "VERSION = 6\n"
            + "bzImage:\n"
            + "\t@echo '  CC      init/main.o'\n"
            + "\t@echo '  CC      init/version.o'\n"
            + "\t@echo '  AR      init/built-in.a'\n"
            + "\tgcc -c -o '$(if $(O),$(O),.)/unit.o' unit.c\n"
            + "\tmkdir -p '$(if $(O),$(O),.)/arch/x86/boot'\n"
            + "\techo image > '$(if $(O),$(O),.)/arch/x86/boot/bzImage'\n";

    private KbuildOptions options(String... cli) throws Exception {
        Path src = dir.resolve("linux");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Makefile"), MAKEFILE);
        Files.writeString(src.resolve("Kconfig"), "");
        Map<String, String> settings = new java.util.HashMap<>(Map.of("kvmboot.kernelTree", src.toString()));
        for (int i = 0; i < cli.length; i += 2) {
            settings.put(cli[i], cli[i + 1]);
        }
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"), 2,
                System.getenv(), false, dir.resolve("cache"));
        KbuildOptions options = KbuildOptions.from(new SettingsResolver(Map.of(), settings, Map.of(), Map.of()).resolve(), host);
        Files.createDirectories(options.tree().output());
        Files.writeString(options.tree().dotConfig(), "CONFIG_64BIT=y\n");
        return options;
    }

    @Test
    void aSuccessfulBuildSavesItsObjectCountForTheNextBuildsEstimate() throws Exception {
        KbuildOptions options = options("kvmboot.buildDir", dir.resolve("out").toString());
        Files.writeString(options.tree().source().resolve("unit.c"), "int unit(void) { return 1; }\n");
        new KernelBuilder(new CollectingLog()).build(options);
        assertEquals("3", Files.readString(dir.resolve("out").resolve(BuildEstimate.FILE_NAME)).strip());
    }

    @Test
    void buildsOutOfTreeAndReportsTheImageAndWhatWasBuilt() throws Exception {
        KbuildOptions options = options("kvmboot.buildDir", dir.resolve("out dir").toString());
        Files.writeString(options.tree().source().resolve("unit.c"), "int unit(void) { return 1; }\n");
        CollectingLog log = new CollectingLog();
        BuildReport report = new KernelBuilder(log).build(options);
        assertEquals(dir.resolve("out dir/arch/x86/boot/bzImage"), report.bzImage());
        assertEquals(2, report.counts().get("CC"));
        assertEquals(1, report.counts().get("AR"));
        assertTrue(Files.exists(dir.resolve("out dir/unit.o")), "O= reached make as one argument");
        assertTrue(Files.readString(options.outputDirectory().resolve("make.log")).contains("  CC      init/main.o"));
        assertTrue(log.text().contains("O=" + dir.resolve("out dir")), log.text());
    }

    @Test
    void aCompilerErrorFailsTheBuildWithTheErrorAndItsSourceLine() throws Exception {
        KbuildOptions options = options();
        Files.writeString(options.tree().source().resolve("unit.c"), "int unit(void)\n{\n\treturn nope;\n}\n");
        KernelBuildException e = assertThrows(KernelBuildException.class, () -> new KernelBuilder(new CollectingLog()).build(options));
        assertTrue(e.getMessage().startsWith("build: make bzImage failed (exit 2) with 1 error; the first:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("unit.c:3:"), e.getMessage());
        assertTrue(e.getMessage().contains("return nope;"), e.getMessage());
        assertTrue(e.getMessage().contains(options.outputDirectory().resolve("make.log").toString()), e.getMessage());
    }

    @Test
    void aToolErrorWithoutFileAndLineIsAnErrorToo() throws Exception {
        KbuildOptions options = options("kvmboot.buildDir", dir.resolve("out").toString());
        // no unit.c: the compiler complains without a file:line
        KernelBuildException e = assertThrows(KernelBuildException.class, () -> new KernelBuilder(new CollectingLog()).build(options));
        assertTrue(e.getMessage().contains("with 1 error; the first:"), e.getMessage());
        assertTrue(e.getMessage().contains("cc1: fatal error: unit.c: No such file or directory"), e.getMessage());
    }

    @Test
    void withoutAConfigTheBuildSaysToRunKernelConfig() throws Exception {
        KbuildOptions options = options();
        Files.delete(options.tree().dotConfig());
        KernelBuildException e = assertThrows(KernelBuildException.class, () -> new KernelBuilder(new CollectingLog()).build(options));
        assertTrue(e.getMessage().contains("kvmboot:kernel-config"), e.getMessage());
    }
}
