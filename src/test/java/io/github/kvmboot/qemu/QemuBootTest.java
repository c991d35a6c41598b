package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.TestGuests;

/** Real QEMU (TCG) runs of what the builder produces. */
class QemuBootTest {

    private static final Path QEMU = Path.of("qemu-system-x86_64");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @AfterEach
    void noQemuLeft() {
        QemuRun.assertNoQemuChildren();
    }

    private static DirectKernelBoot boot(Path initrd) throws IOException, InterruptedException {
        return new DirectKernelBoot(QEMU, Accelerator.TCG, 512, 1, TestGuests.kernel(), Optional.of(initrd),
                "console=ttyS0 panic=-1", false, List.of());
    }

    private static boolean hasLine(String output, String line) {
        return output.lines().map(String::strip).anyMatch(line::equals);
    }

    @Test
    void fastSetBootsTheTestKernelToItsMarkerAndExitsCleanly() throws Exception {
        List<String> argv = DeviceSet.FAST.directKernelBoot(boot(TestGuests.printAndPowerOff("BUILDER-OK"))).build();

        QemuRun.Result run = QemuRun.run(argv, "", TIMEOUT);

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(hasLine(run.stdout(), "BUILDER-OK"), run.describe());
        for (String label : List.of("ttyS1", "ttyS2", "monitor")) {
            assertTrue(run.stdout().lines().anyMatch(
                    l -> l.matches("char device redirected to /dev/pts/\\d+ \\(label " + label + "\\)")),
                    "no pty line for " + label + "\n" + run.describe());
        }
    }

    @Test
    void initrdPathWithCommaIsPassedUnescaped() throws Exception {
        Path initrd = Files.createDirectories(temp.resolve("a,b")).resolve("initrd.cpio.gz");
        Files.copy(TestGuests.printAndPowerOff("COMMA-INITRD-OK"), initrd);
        List<String> argv = DeviceSet.FAST.directKernelBoot(boot(initrd)).build();
        assertEquals(initrd.toString(), argv.get(argv.indexOf("-initrd") + 1));

        QemuRun.Result run = QemuRun.run(argv, "", TIMEOUT);

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(hasLine(run.stdout(), "COMMA-INITRD-OK"), run.describe());
    }

    @Test
    void escapingTheInitrdPathWouldBreakIt() throws Exception {
        Path initrd = Files.createDirectories(temp.resolve("a,b")).resolve("initrd.cpio.gz");
        Files.copy(TestGuests.printAndPowerOff("NEVER"), initrd);
        List<String> argv = new QemuCommandBuilder(QEMU).accelerator(Accelerator.TCG).noDefaults().noGraphics()
                .kernel(TestGuests.kernel()).initrd(Path.of(QemuOptions.escape(initrd.toString())))
                .noReboot().build();

        QemuRun.Result run = QemuRun.run(argv, "", TIMEOUT);

        assertNotEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stderr().contains("a,,b/initrd.cpio.gz"), run.describe());
    }

    @Test
    void diskImageInCommaDirectoryOpens() throws Exception {
        Path image = Files.createDirectories(temp.resolve("x,y")).resolve("disk.img");
        Process qemuImg = new ProcessBuilder("qemu-img", "create", "-f", "raw", image.toString(), "1M")
                .redirectErrorStream(true).start();
        String created = new String(qemuImg.getInputStream().readAllBytes());
        assertTrue(qemuImg.waitFor(30, TimeUnit.SECONDS) && qemuImg.exitValue() == 0, created);
        List<String> argv = new QemuCommandBuilder(QEMU).accelerator(Accelerator.TCG).noDefaults().noGraphics()
                .disk(image, 0, Optional.of("raw"), false)
                .rawArgs(List.of("-S", "-monitor", "stdio"))
                .build();

        QemuRun.Result run = QemuRun.run(argv, "info block\nquit\n", TIMEOUT);

        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("ide0-hd0") && run.stdout().contains(image + " (raw)"), run.describe());
    }

    @Test
    void qmpSocketInCommaDirectoryIsCreated() throws Exception {
        Path socket = Files.createDirectories(temp.resolve("q,r")).resolve("qmp.sock");
        List<String> argv = new QemuCommandBuilder(QEMU).accelerator(Accelerator.TCG).noDefaults().noGraphics()
                .qmpSocket(socket)
                .rawArgs(List.of("-S"))
                .build();
        boolean[] seen = {false};

        QemuRun.Result run = QemuRun.run(argv, "", TIMEOUT, stdout -> seen[0] |= Files.exists(socket));

        assertNull(run.exitCode(), "QEMU should have waited with -S until killed\n" + run.describe());
        assertTrue(seen[0], run.describe());
    }
}
