package io.github.kvmboot.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestRun;
import io.github.kvmboot.testing.TestGuests;

/**
 * Settings to plan: the argument list the user gets, and every bad input rejected before QEMU
 * starts with the setting, the value, its origin and a fix in one message.
 */
class BootPlannerTest {

    @TempDir
    Path dir;

    private final Map<String, String> cli = new HashMap<>();
    private final Map<String, String> pom = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> config = new HashMap<>();
    private Path kernel;
    private Path initrd;

    @BeforeEach
    void guest() throws Exception {
        kernel = TestGuests.kernel();
        initrd = TestGuests.printAndPowerOff("PLANNER");
        env.put("PATH", System.getenv("PATH"));
        cli.put("kvmboot.accel", "tcg");
    }

    private GuestRun plan() throws Exception {
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        return new BootPlanner(BuildLog.toStderr(), host)
                .plan(new SettingsResolver(config, cli, pom, env).resolve(), GuestListener.NONE).guestRun();
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
    void directKernelBootGetsTheFastDeviceSetWithQmpAndPidfile() throws Exception {
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.initrd", initrd.toString());
        cli.put("kvmboot.network", "none");
        GuestRun run = plan();
        List<String> argv = run.command();
        assertTrue(argv.get(0).endsWith("qemu-system-x86_64"), argv::toString);
        assertTrue(String.join(" ", argv).contains("-accel tcg"), argv::toString);
        assertEquals(kernel.toString(), argv.get(argv.indexOf("-kernel") + 1));
        assertEquals(initrd.toString(), argv.get(argv.indexOf("-initrd") + 1));
        assertEquals("console=ttyS0,115200 panic=-1 no_timer_check cryptomgr.notests", argv.get(argv.indexOf("-append") + 1),
                "TCG gets no_timer_check and cryptomgr.notests");
        assertEquals("2", argv.get(argv.indexOf("-smp") + 1), "min(4, host cores)");
        assertTrue(argv.contains("-nodefaults") && argv.contains("-no-reboot"), argv::toString);
        assertEquals(dir.resolve("target/kvmboot/qemu.pid").toString(), argv.get(argv.indexOf("-pidfile") + 1));
        assertEquals(dir.resolve("target/kvmboot"), run.outputDirectory());
        assertTrue(run.qmpSocket().isPresent() && run.pidFile().isPresent());
        assertTrue(run.failOn().orElseThrow().matcher("Kernel panic - not syncing: x").find());
    }

    @Test
    void theReportFactsNameTheKernelAndItsDigestsInTheReportsOrder() throws Exception {
        Path tree = dir.resolve("linux");
        Files.createDirectories(tree.resolve("arch/x86/boot"));
        Files.writeString(tree.resolve("Makefile"), "VERSION = 6\n");
        Files.writeString(tree.resolve(".config"), "CONFIG_64BIT=y\n");
        Path image = Files.copy(kernel, tree.resolve("arch/x86/boot/bzImage"));
        cli.put("kernel", image.toString());
        cli.put("kvmboot.initrd", initrd.toString());
        cli.put("kvmboot.network", "none");
        HostEnvironment host = new HostEnvironment(dir, dir.resolve("target/kvmboot"), dir.resolve("home"), 2,
                env, false, dir.resolve("cache"));
        BootPlan plan = new BootPlanner(BuildLog.toStderr(), host)
                .plan(new SettingsResolver(config, cli, pom, env).resolve(), GuestListener.NONE);
        Map<String, String> facts = plan.properties().get();
        assertEquals(List.of("kvmboot.kernel.release", "kvmboot.kernel.image", "kvmboot.kernel.sha256",
                "kvmboot.kernel.config.sha256", "kvmboot.accelerator", "kvmboot.arch", "kvmboot.qemu.command"),
                List.copyOf(facts.keySet()));
        assertEquals(sha256(image), facts.get("kvmboot.kernel.sha256"));
        assertEquals(sha256(tree.resolve(".config")), facts.get("kvmboot.kernel.config.sha256"));
        assertEquals("tcg", facts.get("kvmboot.accelerator"));
        assertEquals("x86_64", facts.get("kvmboot.arch"));
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aKernelTreeDirectoryBootsItsBzImageAndTheInitramfsIsInferredFromTheRelease() throws Exception {
        Path tree = dir.resolve("linux");
        Files.createDirectories(tree.resolve("arch/x86/boot"));
        Files.writeString(tree.resolve("Makefile"), "VERSION = 6\n");
        Files.createSymbolicLink(tree.resolve("arch/x86/boot/bzImage"), kernel);
        String release = kernel.getFileName().toString().substring("vmlinuz-".length());
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Files.copy(initrd, boot.resolve("initrd.img-" + release));
        config.put("kernel", "linux");
        pom.put("kvmboot.bootDir", boot.toString());
        List<String> argv = plan().command();
        assertEquals(tree.resolve("arch/x86/boot/bzImage").toString(), argv.get(argv.indexOf("-kernel") + 1));
        assertEquals(boot.resolve("initrd.img-" + release).toString(), argv.get(argv.indexOf("-initrd") + 1));
    }

    @Test
    void latestPicksTheNewestKernelOfTheBootDirectory() throws Exception {
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Files.copy(kernel, boot.resolve("vmlinuz-6.1.0-9-amd64"));
        Files.copy(kernel, boot.resolve("vmlinuz-6.1.0-10-amd64"));
        Files.copy(initrd, boot.resolve("initrd.img-6.1.0-10-amd64"));
        cli.put("kvmboot.latest", "true");
        env.put("KVM_BOOT_BOOT_DIR", boot.toString());
        List<String> argv = plan().command();
        assertEquals(boot.resolve("vmlinuz-6.1.0-10-amd64").toString(), argv.get(argv.indexOf("-kernel") + 1));
        assertEquals(boot.resolve("initrd.img-6.1.0-10-amd64").toString(), argv.get(argv.indexOf("-initrd") + 1));
    }

    @Test
    void diskPathsWithCommasAreEscaped() throws Exception {
        Path image = Files.createDirectories(dir.resolve("a,b")).resolve("disk.img");
        Files.write(image, new byte[1 << 20]);
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.initrd", "none");
        cli.put("kvmboot.target", image.toString());
        String joined = String.join(" ", plan().command());
        assertTrue(joined.contains("file=" + dir + "/a,,b/disk.img"), joined);
        assertTrue(joined.contains("root=/dev/sda1"), "a target disk gets the seed's root= default: " + joined);
    }

    @Test
    void theCommandOverrideIsSplitLikeAShellWithoutOne() throws Exception {
        env.put("KVM_BOOT", "qemu-system-x86_64 -kernel '" + kernel + "' -append \"console=ttyS0 a=$HOME\"");
        List<String> argv = plan().command();
        assertEquals(List.of("-kernel", kernel.toString(), "-append", "console=ttyS0 a=$HOME"), argv.subList(1, argv.size()));
    }

    @Test
    void badInputsNameSettingValueOriginAndFix() {
        cli.put("kernel", "does/not/exist");
        assertMentions(failure(), "kernel", "does/not/exist", "-Dkernel", "Fix:");

        cli.remove("kernel");
        config.put("kernel", "missing-bzImage");
        assertMentions(failure(), "missing-bzImage", "plugin configuration");
    }

    @Test
    void aFileThatIsNotABzImageIsRejected() throws Exception {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        cli.put("kvmboot.kernel", "pom.xml");
        cli.put("kvmboot.initrd", "none");
        assertMentions(failure(), "kvmboot.kernel", "pom.xml", "not a bzImage");
    }

    @Test
    void aMissingInitramfsListsWhatWasTried() throws Exception {
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.bootDir", Files.createDirectories(dir.resolve("empty-boot")).toString());
        cli.put("kvmboot.initrd", "auto");
        assertMentions(failure(), "kvmboot.initrd", "initrd.img-", "initramfs-", "kvmboot.initrd=none");
    }

    @Test
    void memoryAndCpusAreValidated() {
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.initrd", initrd.toString());
        for (String bad : List.of("abc", "0", "-1")) {
            env.put("KVM_BOOT_MEM", bad);
            assertMentions(failure(), "kvmboot.memory", "'" + bad + "'", "KVM_BOOT_MEM");
        }
        env.remove("KVM_BOOT_MEM");
        pom.put("kvmboot.cpus", "0");
        assertMentions(failure(), "kvmboot.cpus", "'0'", "POM");
    }

    @Test
    void aMissingQemuIsReportedWithThePackageToInstall() {
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.initrd", initrd.toString());
        cli.put("kvmboot.qemu", "/nonexistent/qemu-system-x86_64");
        assertMentions(failure(), "kvmboot.qemu", "/nonexistent/qemu-system-x86_64", "qemu-system-x86");
        cli.put("kvmboot.qemu", "qemu-system-nonesuch");
        assertMentions(failure(), "qemu-system-nonesuch", "not found on PATH");
    }

    @Test
    void conflictingAndIncompleteTargetsAreRejected() throws Exception {
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.diskBoot", "true");
        assertMentions(failure(), "kvmboot.diskBoot", "kernel");
        cli.remove("kernel");
        assertMentions(failure(), "kvmboot.target");
        cli.put("kvmboot.target", "missing.qcow2");
        assertMentions(failure(), "kvmboot.target", "missing.qcow2", "qemu-img create");
    }

    @Test
    void nothingToBootSaysWhatToPass() throws Exception {
        cli.put("kvmboot.bootDir", Files.createDirectories(dir.resolve("empty-boot")).toString());
        assertMentions(failure(), "nothing to boot", "-Dkernel=");
    }

    @Test
    void unbalancedQuotesInTheCommandOverrideAreRejected() {
        env.put("KVM_BOOT", "qemu-system-x86_64 -append 'console=ttyS0");
        assertMentions(failure(), "KVM_BOOT", "quote");
    }

    @Test
    void withoutKernelTheNewestInTheBootDirectoryBootsAndAnEmptyOneSaysHowToGetAKernel() throws Exception {
        Path boot = Files.createDirectories(dir.resolve("boot"));
        cli.put("kvmboot.bootDir", boot.toString());
        String empty = failure();
        assertMentions(empty, "kvmboot.kernel", "nothing to boot", boot.toString(), "linux-image-cloud-amd64",
                "-Dkernel=", "the directory is empty");
        Files.copy(kernel, boot.resolve("vmlinuz-6.1.0-9-amd64"));
        Files.copy(kernel, boot.resolve("vmlinuz-6.1.0-10-amd64"));
        Files.copy(initrd, boot.resolve("initrd.img-6.1.0-10-amd64"));
        List<String> argv = plan().command();
        assertEquals(boot.resolve("vmlinuz-6.1.0-10-amd64").toString(), argv.get(argv.indexOf("-kernel") + 1));
        assertEquals(boot.resolve("initrd.img-6.1.0-10-amd64").toString(), argv.get(argv.indexOf("-initrd") + 1));
    }

    @Test
    void aKernelWithoutInitramfsGetsTheGeneratedShellUnlessAutoOrNoneIsAsked() throws Exception {
        Path boot = Files.createDirectories(dir.resolve("boot"));
        Files.copy(kernel, boot.resolve("vmlinuz-6.1.0-10-amd64"));
        cli.put("kvmboot.bootDir", boot.toString());
        cli.put("kvmboot.busybox", TestGuests.busybox().toString());
        GuestRun run = plan();
        List<String> argv = run.command();
        Path generated = Path.of(argv.get(argv.indexOf("-initrd") + 1));
        assertTrue(generated.startsWith(dir.resolve("target/kvmboot/initramfs")), argv::toString);
        assertTrue(run.commandStatus().isEmpty(), "a shell session passes when the guest powers off, whatever it ran last");

        cli.put("kvmboot.initrd", "none");
        List<String> none = plan().command();
        assertTrue(!none.contains("-initrd"), none::toString);

        cli.put("kvmboot.initrd", "auto");
        assertMentions(failure(), "kvmboot.initrd", "no initramfs for kernel release 6.1.0-10-amd64", "initrd.img-");


        cli.put("kvmboot.initrd", "none");
        cli.put("kvmboot.busybox", dir.resolve("no-busybox").toString());
        assertTrue(!plan().command().contains("-initrd"), "none needs no busybox");
        cli.remove("kvmboot.initrd");
        assertMentions(failure(), "kvmboot.busybox", "no initramfs was found", "kvmboot.initrd=PATH");

        cli.put("kvmboot.busybox", TestGuests.busybox().toString());
        cli.put("kvmboot.initrd", "auto");
        Files.copy(initrd, boot.resolve("initrd.img-6.1.0-10-amd64"));
        assertEquals(boot.resolve("initrd.img-6.1.0-10-amd64").toString(), plan().command()
                .get(plan().command().indexOf("-initrd") + 1), "auto finds the installed one");
        cli.put("kvmboot.initrd", "shell");
        List<String> shell = plan().command();
        assertTrue(Path.of(shell.get(shell.indexOf("-initrd") + 1)).startsWith(dir.resolve("target/kvmboot/initramfs")),
                "shell boots the generated one though one is installed: " + shell);
    }

    @Test
    void anInvalidExpectRegexIsRejected() {
        cli.put("kernel", kernel.toString());
        cli.put("kvmboot.initrd", initrd.toString());
        cli.put("kvmboot.expect", "(unclosed");
        assertMentions(failure(), "kvmboot.expect", "(unclosed");
    }
}
