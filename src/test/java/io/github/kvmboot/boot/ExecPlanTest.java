package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.testing.TestGuests;

/** kvmboot.exec / share / modules settings to QEMU arguments, and their errors (no QEMU runs). */
class ExecPlanTest {

    @TempDir
    Path dir;

    private ExecHarness harness;
    private Map<String, String> cli;
    private Map<String, String> env;

    @BeforeEach
    void guest() throws Exception {
        harness = new ExecHarness(dir, TestGuests.kernel());
        cli = harness.cli;
        env = harness.env;
        cli.put("kvmboot.exec", "uname -r");
    }

    private GuestRun plan() throws Exception {
        return harness.plan();
    }

    private String failure() {
        return assertThrows(SettingException.class, this::plan).getMessage();
    }

    private static void assertMentions(String message, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), () -> "'" + fragment + "' missing from: " + message);
        }
    }

    @Test
    void execGeneratesTheInitramfsAndAddsTheStatusPortAsFourthSerialPort() throws Exception {
        GuestRun run = plan();
        List<String> argv = run.command();
        Path initrd = Path.of(argv.get(argv.indexOf("-initrd") + 1));
        assertTrue(Files.isRegularFile(initrd) && initrd.startsWith(dir.resolve("out/initramfs")), argv::toString);
        int serials = 0;
        String last = null;
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).equals("-serial")) {
                serials++;
                last = argv.get(i + 1);
            }
        }
        assertEquals(4, serials, argv::toString);
        assertEquals("chardev:kvmboot-status", last);
        assertTrue(argv.contains("file,id=kvmboot-status,path=" + dir.resolve("out/exec-status") + ",append=on"), argv::toString);
        assertTrue(argv.contains("pvpanic-pci"), argv::toString);
        assertEquals(dir.resolve("out/exec-status"), run.commandStatus().orElseThrow());
    }

    @Test
    void theGeneratedInitReportsOnTheSerialPortTheCommandLineGivesTheStatusChannel() throws Exception {
        List<String> argv = plan().command();
        String init;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(argv.get(argv.indexOf("-initrd") + 1))))) {
            init = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertTrue(init.contains("exec 9>/dev/ttyS3\n"), "the status port is the fourth -serial: ttyS3");
        assertTrue(!init.contains("ttyS4"), init);
    }

    @Test
    void modulesAreLoadedWithDependencies() throws Exception {
        cli.put("kvmboot.modules", TestGuests.modulesDir().toString());
        cli.put("kvmboot.loadModules", "virtio_net");
        plan();
        cli.put("kvmboot.loadModules", "nonesuch");
        assertMentions(failure(), "kvmboot.loadModules", "nonesuch", "no module nonesuch");
        cli.remove("kvmboot.loadModules");
        cli.put("kvmboot.modules", dir.toString());
        assertMentions(failure(), "kvmboot.modules", "no modules for kernel release 6.1");
    }

    @Test
    void aMissingOrDynamicBusyboxNamesTheDebianPackage() {
        cli.put("kvmboot.busybox", "/bin/ls");
        assertMentions(failure(), "kvmboot.busybox", "/bin/ls", "dynamically linked", "busybox-static");
        cli.put("kvmboot.busybox", dir.resolve("nope").toString());
        assertMentions(failure(), "kvmboot.busybox", "no busybox at", "apt-get install busybox-static");
    }

    @Test
    void sharingWithAKernelWithout9pNamesTheOptions() throws Exception {
        cli.put("kvmboot.share", dir.toString());
        assertMentions(failure(), "kvmboot.share", "CONFIG_NET_9P", "CONFIG_NET_9P_VIRTIO", "CONFIG_9P_FS", "config-6.1");
    }

    @Test
    void execRejectsSettingsItReplaces() {
        cli.put("kvmboot.initrd", "/boot/initrd.img");
        assertMentions(failure(), "kvmboot.initrd", "cannot be combined with kvmboot.exec");
        cli.remove("kvmboot.initrd");
        cli.put("kvmboot.expect", "login:");
        assertMentions(failure(), "kvmboot.expect", "cannot be combined with kvmboot.exec");
        cli.remove("kvmboot.expect");
        cli.remove("kvmboot.exec");
        cli.put("kvmboot.share", dir.toString());
        assertMentions(failure(), "kvmboot.share", "needs kvmboot.exec");
    }

    @Test
    void failOnWarningAddsKernelWarningsToTheFailPattern() throws Exception {
        cli.put("kvmboot.failOnWarning", "true");
        GuestRun run = plan();
        assertTrue(run.failOn().orElseThrow().matcher("[    1.0] WARNING: CPU: 0 PID: 1 at kernel/foo.c:12 bar+0x1/0x2").find());
        assertTrue(run.failOn().orElseThrow().matcher("Kernel panic - not syncing: x").find());
        assertTrue(!run.failOn().orElseThrow().matcher("WARNING: your test is flaky").find());
        cli.remove("kvmboot.failOnWarning");
        assertTrue(!plan().failOn().orElseThrow().matcher("WARNING: CPU: 0 PID: 1 at kernel/foo.c:12").find());
    }
}
