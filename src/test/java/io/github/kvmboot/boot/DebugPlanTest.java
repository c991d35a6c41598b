package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.kernel.BzImage;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.Debugging;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.testing.TestGuests;

/** kvmboot.gdb, gdbWait, dumpOnPanic and vmlinux as planned: QEMU arguments, command line, summary, bad input. */
class DebugPlanTest {

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private Path kernel;

    @BeforeEach
    void guest() throws Exception {
        kernel = TestGuests.kernel();
        env.put("PATH", System.getenv("PATH"));
        cli.put("kvmboot.accel", "tcg");
        cli.put("kvmboot.network", "none");
        cli.put("kvmboot.initrd", "none");
        cli.put("kernel", kernel.toString());
    }

    private BootPlan plan() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new BootPlanner(BuildLog.toStderr(), host)
                .plan(new SettingsResolver(Map.of(), cli, Map.of(), env).resolve(), GuestListener.NONE);
    }

    private String failure() {
        return assertThrows(SettingException.class, this::plan).getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
        }
    }

    private static String after(List<String> argv, String option) {
        return argv.get(argv.indexOf(option) + 1);
    }

    @Test
    void gdbAutoListensOnLoopbackOnlyAddsNokaslrAndSaysHowToAttach() throws Exception {
        cli.put("kvmboot.gdb", "auto");
        cli.put("kvmboot.gdbWait", "true");
        BootPlan plan = plan();
        List<String> argv = plan.guestRun().command();
        int port = plan.gdbPort().orElseThrow();
        assertEquals("tcp:127.0.0.1:" + port, after(argv, "-gdb"));
        assertTrue(argv.contains("-S"), argv::toString);
        assertTrue(after(argv, "-append").endsWith(" nokaslr"), argv::toString);
        assertTrue(plan.guestRun().debugging().debuggerAttachable());
        assertFalse(argv.contains("-action"), "no dump wanted: QEMU's own panic action");
        String summary = String.join("\n", plan.summary());
        assertMentions(summary, "gdb vmlinux -ex 'target remote 127.0.0.1:" + port + "'", "kvmboot.gdb.port",
                "halted until gdb continues", "scripts/gdb/vmlinux-gdb.py");
    }

    @Test
    void theUsersOwnKaslrChoiceIsKept() throws Exception {
        cli.put("kvmboot.gdb", "auto");
        cli.put("kvmboot.append", "console=ttyS0 kaslr");
        assertEquals("console=ttyS0 kaslr", after(plan().guestRun().command(), "-append"));
        cli.put("kvmboot.append", "console=ttyS0 nokaslr");
        assertEquals("console=ttyS0 nokaslr", after(plan().guestRun().command(), "-append"));
    }

    @Test
    void withoutDebugSettingsNothingChanges() throws Exception {
        BootPlan plan = plan();
        List<String> argv = plan.guestRun().command();
        assertFalse(argv.contains("-gdb") || argv.contains("-S") || argv.contains("-action"), argv::toString);
        assertEquals("console=ttyS0,115200 panic=-1 no_timer_check cryptomgr.notests", after(argv, "-append"));
        assertTrue(plan.gdbPort().isEmpty());
        assertEquals(Debugging.NONE, plan.guestRun().debugging());
    }

    @Test
    void dumpOnPanicPausesOnPanicAndKeepsThePanickedKernelWaiting() throws Exception {
        cli.put("kvmboot.dumpOnPanic", "true");
        BootPlan plan = plan();
        List<String> argv = plan.guestRun().command();
        assertEquals("panic=pause", after(argv, "-action"));
        assertEquals("console=ttyS0,115200 panic=0 no_timer_check cryptomgr.notests", after(argv, "-append"));
        assertEquals(dir.resolve("target/kvmboot/vmcore"), plan.guestRun().debugging().vmcore().orElseThrow());
        assertMentions(String.join("\n", plan.summary()), "guest's memory is written to " + dir.resolve("target/kvmboot/vmcore"));
    }

    @Test
    void gdbPortThatIsNotAPortIsRejected() {
        cli.put("kvmboot.gdb", "70000");
        assertMentions(failure(), "kvmboot.gdb", "70000", "not a TCP port", "auto");
        cli.put("kvmboot.gdb", "gdb-please");
        assertMentions(failure(), "kvmboot.gdb", "gdb-please", "not a TCP port");
    }

    @Test
    void gdbPortInUseIsRejected() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            cli.put("kvmboot.gdb", Integer.toString(taken.getLocalPort()));
            assertMentions(failure(), "kvmboot.gdb", "port " + taken.getLocalPort() + " is already in use on 127.0.0.1",
                    "choose another port");
        }
    }

    @Test
    void gdbWaitWithoutGdbIsRejected() {
        cli.put("kvmboot.gdbWait", "true");
        assertMentions(failure(), "kvmboot.gdbWait", "needs kvmboot.gdb", "-Dkvmboot.gdb=auto");
    }

    @Test
    void dumpOnPanicWithoutRoomForTheGuestsMemoryFailsBeforeBootingNamingBoth() {
        cli.put("kvmboot.dumpOnPanic", "true");
        cli.put("kvmboot.memory", "64T");
        String message = failure();
        assertMentions(message, "kvmboot.dumpOnPanic", "kvmboot.memory = 67108864 MiB", "MiB free",
                dir.resolve("target/kvmboot").toString(), "lower kvmboot.memory");
        assertFalse(Files.exists(dir.resolve("target/kvmboot/console.log")), "nothing was booted");
    }

    @Test
    void aVmlinuxThatIsNotElfIsRejected() {
        cli.put("kvmboot.gdb", "auto");
        cli.put("kvmboot.vmlinux", kernel.toString()); // a bzImage
        assertMentions(failure(), "kvmboot.vmlinux", "is not an ELF file");
    }

    @Test
    void aVmlinuxOfAnotherReleaseIsRejected() throws Exception {
        Path other = fakeVmlinux(dir.resolve("other/vmlinux"), "5.10.0-kvmboot");
        cli.put("kvmboot.gdb", "auto");
        cli.put("kvmboot.vmlinux", other.toString());
        assertMentions(failure(), "kvmboot.vmlinux", "does not name release " + BzImage.readRelease(kernel),
                "point it at the vmlinux built with");
    }

    @Test
    void theTreesVmlinuxIsFoundBesideItsBzImageAndNamedInTheAttachCommand() throws Exception {
        Path tree = dir.resolve("linux");
        Files.createDirectories(tree.resolve("arch/x86/boot"));
        Files.createSymbolicLink(tree.resolve("arch/x86/boot/bzImage"), kernel);
        Path vmlinux = fakeVmlinux(tree.resolve("vmlinux"), BzImage.readRelease(kernel));
        cli.put("kernel", tree.resolve("arch/x86/boot/bzImage").toString());
        cli.put("kvmboot.gdb", "auto");
        BootPlan plan = plan();
        assertMentions(String.join("\n", plan.summary()), "gdb " + vmlinux + " -ex 'target remote 127.0.0.1:");
        assertEquals(vmlinux, plan.guestRun().debugging().vmlinux().orElseThrow());
    }

    /** An ELF header and a banner are all {@code Vmlinux.check} reads; the banner sits past the first MiB chunk edge. */
    private static Path fakeVmlinux(Path file, String release) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] banner = ("Linux version " + release + " (kvmboot@test) #1\n").getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[(1 << 20) + 4096];
        content[0] = 0x7f;
        content[1] = 'E';
        content[2] = 'L';
        content[3] = 'F';
        System.arraycopy(banner, 0, content, (1 << 20) - 10, banner.length);
        return Files.write(file, content);
    }
}
