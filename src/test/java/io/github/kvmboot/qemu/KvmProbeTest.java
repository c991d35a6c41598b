package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.testing.TestGuests;

/** The probe against this machine's real /dev/kvm and QEMU. */
class KvmProbeTest {

    private static final Path QEMU = Path.of("qemu-system-x86_64");
    private static final Path KVM = Path.of("/dev/kvm");

    @TempDir
    Path temp;

    @AfterEach
    void noQemuLeft() {
        QemuRun.assertNoQemuChildren();
    }

    private Path cacheFile() {
        return temp.resolve("cache").resolve("kvm-probe.properties");
    }

    private KvmProbe probe(Path qemu) {
        return new KvmProbe(qemu, cacheFile(), BuildLog.toStderr());
    }

    @Test
    void deviceStatusReflectsWhatThisUserMayDoWithDevKvm() {
        assumeTrue(Files.exists(KVM), "no /dev/kvm on this machine");
        KvmStatus expected = Files.isReadable(KVM) && Files.isWritable(KVM) ? KvmStatus.PRESENT : KvmStatus.NO_ACCESS;

        assertEquals(expected, probe(QEMU).deviceStatus());
    }

    @Test
    void aTestBootSaysWhatItIsDoingAndACachedAnswerSaysNothing() throws Exception {
        assumeTrue(probe(QEMU).deviceStatus() == KvmStatus.PRESENT, "/dev/kvm not usable by this user");
        java.util.List<String> infos = new java.util.concurrent.CopyOnWriteArrayList<>();
        BuildLog log = new BuildLog() {
            @Override public void debug(String m) { }
            @Override public void info(String m) { infos.add(m); }
            @Override public void warn(String m) { infos.add("WARN " + m); }
            @Override public void error(String m) { infos.add("ERROR " + m); }
            @Override public boolean isDebugEnabled() { return false; }
        };
        KvmProbe probe = new KvmProbe(QEMU, cacheFile(), log, KVM, java.time.Duration.ofSeconds(2));
        probe.probe(TestGuests.kernel());
        assertEquals(java.util.List.of("kvmboot: testing whether KVM guests run on this host (a test boot of at most 2 s;"
                + " the answer is kept in " + cacheFile() + ")"), infos);

        infos.clear();
        assertTrue(probe.probe(TestGuests.kernel()).fromCache());
        assertEquals(java.util.List.of(), infos, "no test boot, nothing to say");
    }

    @Test
    void missingDeviceIsNotUsableWithoutStartingQemu() throws Exception {
        KvmProbe probe = new KvmProbe(QEMU, cacheFile(), BuildLog.toStderr(), temp.resolve("no-kvm"),
                KvmProbe.DEFAULT_TIMEOUT);

        assertEquals(KvmStatus.MISSING, probe.deviceStatus());
        KvmProbe.ProbeResult result = probe.probe(TestGuests.kernel());
        assertFalse(result.usable());
        assertTrue(result.reason().contains("no-kvm does not exist"), result.reason());
        assertFalse(Files.exists(cacheFile()));
    }

    /**
     * Whether KVM works is a property of the machine, so the probe is checked against an
     * independent observation rather than a hard-coded answer: the same kernel is booted under
     * TCG (it must print "Linux version", or silence would prove nothing) and under KVM for three
     * times the probe's window. On our machine KVM hangs after "Probing EDD", so the probe must
     * say "not usable"; on a machine with working KVM it must say "usable".
     */
    @Test
    void probeAgreesWithAnIndependentKvmBootAndIsCached() throws Exception {
        KvmProbe probe = probe(QEMU);
        assumeTrue(probe.deviceStatus() == KvmStatus.PRESENT, "/dev/kvm not usable by this user");
        Path kernel = TestGuests.kernel();

        KvmProbe.ProbeResult first = probe.probe(kernel);

        assertTrue(kernelPrintsItsVersion(kernel, "tcg", Duration.ofSeconds(60)),
                "the test kernel must print 'Linux version' under TCG");
        boolean kvmRuns = kernelPrintsItsVersion(kernel, "kvm", KvmProbe.DEFAULT_TIMEOUT.multipliedBy(3));
        assertEquals(kvmRuns, first.usable(), first.reason());
        assertFalse(first.fromCache());
        if (!kvmRuns) {
            assertEquals("/dev/kvm is present but a KVM test guest printed nothing in 5 s"
                    + " (nested virtualization off?)", first.reason());
        }

        KvmProbe.ProbeResult second = probe(QEMU).probe(kernel);
        assertEquals(new KvmProbe.ProbeResult(first.usable(), first.reason(), true), second);
    }

    @Test
    void anotherQemuBinaryIsProbedAgainAndBothVerdictsAreKept() throws Exception {
        KvmProbe original = probe(QEMU);
        assumeTrue(original.deviceStatus() == KvmStatus.PRESENT, "/dev/kvm not usable by this user");
        Path copy = runnableCopyOfQemu();
        KvmProbe copied = probe(copy);
        String originalKey = original.cacheKey().orElseThrow();
        String copyKey = copied.cacheKey().orElseThrow();
        assertNotEquals(originalKey, copyKey);
        // A made-up verdict for the original binary: only a cache hit can return it.
        new ProbeCache(cacheFile()).write(originalKey, new KvmProbe.ProbeResult(true, "seeded verdict", false));

        assertEquals(new KvmProbe.ProbeResult(true, "seeded verdict", true), original.probe(TestGuests.kernel()));
        KvmProbe.ProbeResult fresh = copied.probe(TestGuests.kernel());
        assertFalse(fresh.fromCache(), fresh.toString());
        assertNotEquals("seeded verdict", fresh.reason());
        assertFalse(fresh.reason().startsWith("QEMU could not run"), "the copy must really run: " + fresh.reason());
        assertTrue(copied.probe(TestGuests.kernel()).fromCache());
        assertEquals("seeded verdict", original.probe(TestGuests.kernel()).reason());

        Files.setLastModifiedTime(copy, FileTime.fromMillis(Files.getLastModifiedTime(copy).toMillis() - 60_000));
        assertNotEquals(copyKey, copied.cacheKey().orElseThrow());
    }

    @Test
    void qemuFailureIsReportedWithItsMessageAndNotCached() throws Exception {
        KvmProbe probe = probe(QEMU);
        assumeTrue(probe.deviceStatus() == KvmStatus.PRESENT, "/dev/kvm not usable by this user");
        Path noKernel = temp.resolve("no-such-bzImage");

        KvmProbe.ProbeResult result = probe.probe(noKernel);

        assertFalse(result.usable());
        assertFalse(result.fromCache());
        // QEMU's own words (7.2: "qemu: could not open kernel file '...': No such file or directory"),
        // without the CPU feature warnings it prints first.
        assertTrue(result.reason().startsWith("QEMU could not run a KVM test guest: ")
                && result.reason().contains(noKernel.toString()) && !result.reason().contains("warning"),
                result.reason());
        assertFalse(Files.exists(cacheFile()));
    }

    @Test
    void interruptedProbeLeavesNoQemu() throws Exception {
        KvmProbe probe = probe(QEMU);
        assumeTrue(probe.deviceStatus() == KvmStatus.PRESENT, "/dev/kvm not usable by this user");
        Path kernel = TestGuests.kernel();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread prober = new Thread(() -> {
            try {
                outcome.set(probe.probe(kernel));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        }, "interrupted-probe");
        prober.start();
        ProcessHandle qemu = awaitQemuChild(Duration.ofSeconds(30));

        prober.interrupt();
        prober.join(30_000);

        assertFalse(prober.isAlive());
        assumeTrue(!(outcome.get() instanceof KvmProbe.ProbeResult), "the probe finished before the interrupt");
        assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        QemuRun.assertGone(qemu);
        assertFalse(Files.exists(cacheFile()));
    }

    /** Our own KVM/TCG boot, not using the probe's code: does "Linux version" appear in time? */
    private static boolean kernelPrintsItsVersion(Path kernel, String accel, Duration window)
            throws IOException, InterruptedException {
        List<String> argv = List.of("qemu-system-x86_64", "-accel", accel, "-nodefaults", "-display", "none",
                "-serial", "stdio", "-m", "256", "-kernel", kernel.toString(),
                "-append", "console=ttyS0 earlyprintk=serial,ttyS0,115200 panic=-1", "-no-reboot");
        return QemuRun.run(argv, "", window, out -> out.contains("Linux version")).stdout().contains("Linux version");
    }

    /**
     * A copy of the QEMU binary at a new real path. QEMU finds its firmware and accelerator
     * modules relative to its own location ({@code bin/../share/qemu}, {@code bin/../lib/...}),
     * so the copy gets a bin directory next to links to the real share and lib directories.
     */
    private Path runnableCopyOfQemu() throws IOException {
        Path real = KvmProbe.resolveOnPath(QEMU).toRealPath();
        Path prefix = real.getParent().getParent();
        Path copyPrefix = Files.createDirectories(temp.resolve("qemu-copy"));
        for (String dir : List.of("share", "lib", "lib64", "libexec")) {
            if (Files.isDirectory(prefix.resolve(dir))) {
                Files.createSymbolicLink(copyPrefix.resolve(dir), prefix.resolve(dir));
            }
        }
        Path copy = Files.createDirectories(copyPrefix.resolve("bin")).resolve(real.getFileName());
        Files.copy(real, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        return copy;
    }

    private static ProcessHandle awaitQemuChild(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            var child = ProcessHandle.current().descendants()
                    .filter(h -> h.info().command().map(c -> c.contains("qemu")).orElse(false))
                    .findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the probe started no QEMU within " + timeout);
    }
}
