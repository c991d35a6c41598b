package io.github.kvmboot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.TestGuests;

/**
 * The kernel's own scripts/decode_stacktrace.sh (from linux-source-6.1) run on an excerpt, against
 * a small ELF built with -g standing in for vmlinux: symbol+offset becomes file:line, in the
 * source tree and through an O= build directory's {@code source} link.
 */
class StackTraceDecoderTest {

    @TempDir
    Path dir;

    private static final List<String> EXCERPT = List.of(
            "  311 | [    1.000000] RIP: 0010:crash_here+0x8/0x1c",
            "> 312 | [    1.000001]  main+0x9/0x14",
            "  313 | [    1.000002] ---[ end trace ]---");

    private Path tree() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("linux/scripts"));
        Path source = TestGuests.linuxSource();
        for (String script : List.of("decode_stacktrace.sh", "decodecode")) {
            Files.copy(source.resolve("scripts/" + script), tree.resolve(script));
        }
        Files.writeString(tree.resolveSibling("crash.c"), """
                int crash_here(int x)
                {
                \tint y = x * 2;
                \treturn *(volatile int *)0 + y;
                }
                int main(void) { return crash_here(1); }
                """);
        return tree.getParent();
    }

    private static void gcc(Path tree, Path out) throws Exception {
        Process p = new ProcessBuilder("gcc", "-g", "-O0", "-no-pie", "-o", out.toString(), "crash.c")
                .directory(tree.toFile()).inheritIO().start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "gcc");
    }

    @Test
    void symbolOffsetsBecomeFileAndLineOfTheTreesSources() throws Exception {
        Path tree = tree();
        gcc(tree, tree.resolve("vmlinux"));
        StackTraceDecoder decoder = StackTraceDecoder.forVmlinux(tree.resolve("vmlinux")).orElseThrow();
        List<String> decoded = decoder.decode(EXCERPT, Duration.ofSeconds(60));
        assertEquals(3, decoded.size(), decoded::toString);
        assertTrue(decoded.get(0).contains("crash_here (crash.c:3)"), decoded::toString);
        assertTrue(decoded.get(1).contains("main (crash.c:6)"), decoded::toString);
        assertTrue(decoded.get(2).contains("---[ end trace ]---"), "other lines pass through");
    }

    @Test
    void anOutOfTreeBuildFindsTheScriptThroughItsSourceLink() throws Exception {
        Path tree = tree();
        Path build = Files.createDirectories(dir.resolve("build"));
        Files.createSymbolicLink(build.resolve("source"), tree);
        gcc(tree, build.resolve("vmlinux"));
        StackTraceDecoder decoder = StackTraceDecoder.forVmlinux(build.resolve("vmlinux")).orElseThrow();
        assertEquals(tree.toRealPath(), decoder.sourceTree());
        assertTrue(String.join("\n", decoder.decode(EXCERPT, Duration.ofSeconds(60))).contains("crash_here (crash.c:3)"));
    }

    @Test
    void withoutTheScriptThereIsNoDecoderAndOnlySymbolicTracesCount() throws Exception {
        Path lonely = Files.createDirectories(dir.resolve("lonely")).resolve("vmlinux");
        Files.write(lonely, new byte[] {0x7f, 'E', 'L', 'F'});
        assertTrue(StackTraceDecoder.forVmlinux(lonely).isEmpty());
        assertTrue(StackTraceDecoder.hasTrace(EXCERPT));
        assertFalse(StackTraceDecoder.hasTrace(List.of("  1 | Kernel panic - not syncing: sysrq triggered crash",
                "  2 | [    2.1] Call Trace: 0xffffffff81000000")));
    }
}
