package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildOutputTest {

    @TempDir
    Path dir;

    @Test
    void countsKbuildStepsAndReportsProgressEveryNObjects() {
        List<String> progress = new ArrayList<>();
        BuildOutput output = new BuildOutput(3, progress::add);
        for (String line : List.of("  SYNC    include/config/auto.conf", "  CC      init/main.o",
                "  CC [M]  fs/9p/vfs_super.o", "  AS      arch/x86/entry/entry_64.o", "  AR      init/built-in.a",
                "  LD      vmlinux.o", "  HOSTCC  scripts/basic/fixdep", "Kernel: arch/x86/boot/bzImage is ready  (#1)")) {
            output.accept(line);
        }
        assertEquals(5, output.objects());
        assertEquals(2, output.counts().get("CC"));
        assertEquals(1, output.counts().get("AS"));
        assertEquals(List.of("3 objects built (CC 2, AS 1, LD 0, AR 0)"), progress);
        assertEquals(List.of(), output.errors());
    }

    @Test
    void keepsTheFirstRealGccErrorWithItsContext() throws Exception {
        Path source = dir.resolve("broken.c");
        Files.writeString(source, "int ok(void) { return 0; }\n\nint broken(void)\n{\n\treturn undeclared_thing;\n}\n"
                + "int worse(void) { return also_missing; }\n");
        ProcessBuilder builder = new ProcessBuilder("gcc", "-c", "-o", dir.resolve("broken.o").toString(), "broken.c")
                .directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C"); // as ToolRun runs make
        Process gcc = builder.start();
        String text = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, gcc.waitFor(), text);

        BuildOutput output = new BuildOutput(100, p -> { });
        output.accept("  CC      broken.o");
        text.lines().forEach(output);
        output.accept("make[1]: *** [scripts/Makefile.build:250: broken.o] Error 1");

        assertEquals(2, output.errors().size(), text);
        assertTrue(output.errors().get(0).matches("broken.c:5:\\d+: error: 'undeclared_thing' undeclared.*"),
                output.errors().get(0));
        assertTrue(output.errors().get(1).startsWith("broken.c:7:"), output.errors().get(1));
        String context = String.join("\n", output.firstErrorContext());
        assertTrue(context.contains("In function 'broken'"), context);
        assertTrue(context.contains("return undeclared_thing;"), "the source line follows the error: " + context);

        String message = KernelBuilder.failure("bzImage", 2, output, dir.resolve("make.log"));
        assertTrue(message.startsWith("build: make bzImage failed (exit 2) with 2 errors; the first:\n"), message);
        assertTrue(message.indexOf("broken.c:5:") < message.indexOf("broken.c:7:"), "first error first: " + message);
        assertTrue(message.contains(dir.resolve("make.log").toString()), message);
    }

    @Test
    void aLinkerErrorIsAnError() {
        BuildOutput output = new BuildOutput(100, p -> { });
        output.accept("  LD      .tmp_vmlinux.kallsyms1");
        output.accept("ld: init/main.o: in function `start_kernel':");
        output.accept("main.c:(.init.text+0x3c5): undefined reference to `no_such_function'");
        output.accept("ld: vmlinux.o: undefined reference to `no_such_function'");
        assertEquals(List.of("ld: vmlinux.o: undefined reference to `no_such_function'"), output.errors());
    }

    @Test
    void withoutAnErrorLineTheFailureShowsTheLastLines() {
        BuildOutput output = new BuildOutput(100, p -> { });
        output.accept("make: *** No rule to make target 'bzImag'.  Stop.");
        String message = KernelBuilder.failure("bzImag", 2, output, dir.resolve("make.log"));
        assertTrue(message.contains("its last lines:\n  make: *** No rule to make target 'bzImag'"), message);
    }
}
