package io.github.kvmboot.qemu;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.github.kvmboot.Executables;
import io.github.kvmboot.log.BuildLog;

/**
 * Decides whether KVM actually works here. An existing, openable {@code /dev/kvm} is not enough:
 * with nested virtualization off, KVM guests hang right after the kernel's real-mode setup. So the
 * probe boots the kernel under KVM for a few seconds and looks for the kernel's own output. The
 * verdict is cached per host kernel, QEMU binary and KVM device.
 */
public final class KvmProbe {

    static final Path KVM_DEVICE = Path.of("/dev/kvm");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final Path HOST_RELEASE = Path.of("/proc/sys/kernel/osrelease");

    /** {@code reason} says why, in a sentence fit for a warning; {@code fromCache} if not probed now. */
    public record ProbeResult(boolean usable, String reason, boolean fromCache) { }

    private final Path qemuBinary;
    private final Path cacheFile;
    private final ProbeCache cache;
    private final BuildLog log;
    private final Path device;
    private final Duration timeout;

    public KvmProbe(Path qemuBinary, Path cacheFile, BuildLog log) {
        this(qemuBinary, cacheFile, log, KVM_DEVICE, DEFAULT_TIMEOUT);
    }

    KvmProbe(Path qemuBinary, Path cacheFile, BuildLog log, Path device, Duration timeout) {
        this.qemuBinary = Objects.requireNonNull(qemuBinary, "qemuBinary");
        this.cacheFile = Objects.requireNonNull(cacheFile, "cacheFile");
        this.cache = new ProbeCache(cacheFile);
        this.log = Objects.requireNonNull(log, "log");
        this.device = device;
        this.timeout = timeout;
    }

    public KvmStatus deviceStatus() {
        if (!Files.exists(device)) {
            return KvmStatus.MISSING;
        }
        try (FileChannel ignored = FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return KvmStatus.PRESENT;
        } catch (IOException | UnsupportedOperationException e) {
            return KvmStatus.NO_ACCESS;
        }
    }

    /**
     * Whether a KVM guest runs, probing with {@code kernel} unless a cached verdict for this host,
     * QEMU binary and KVM device exists. QEMU failures that may be passing (it could not start, or
     * rejected the kernel) make the result unusable but are not cached.
     */
    public ProbeResult probe(Path kernel) throws InterruptedException {
        KvmStatus status = deviceStatus();
        if (status != KvmStatus.PRESENT) {
            return new ProbeResult(false, describe(status), false);
        }
        Optional<String> key = cacheKey();
        if (key.isPresent()) {
            Optional<ProbeResult> cached = readCache(key.get());
            if (cached.isPresent()) {
                log.debug("KVM probe result from " + cacheFile + ": " + cached.get());
                return cached.get();
            }
        }
        log.info("kvmboot: testing whether KVM guests run on this host (a test boot of at most " + seconds(timeout)
                + "; the answer is kept in " + cacheFile + ")");
        log.debug("KVM probe: " + ShellQuoting.join(KvmTestBoot.command(qemuBinary, kernel)));
        KvmTestBoot.Outcome outcome = KvmTestBoot.run(qemuBinary, kernel, timeout);
        ProbeResult result = toResult(outcome);
        log.debug("KVM probe result: " + result);
        if (outcome.kind() != KvmTestBoot.Kind.QEMU_FAILED && key.isPresent()) {
            writeCache(key.get(), result);
        }
        return result;
    }

    private ProbeResult toResult(KvmTestBoot.Outcome outcome) {
        switch (outcome.kind()) {
            case KERNEL_RAN:
                return new ProbeResult(true, "a KVM test guest's kernel started (\"" + abbreviate(outcome.detail(), 80)
                        + "\")", false);
            case SILENT:
                if (!outcome.detail().isEmpty()) {
                    log.debug("KVM probe QEMU stderr: " + outcome.detail());
                }
                String silent = device + " is present but a KVM test guest printed nothing in " + seconds(timeout)
                        + " (nested virtualization off?)";
                String errors = KvmTestBoot.errorsOnly(outcome.detail());
                return new ProbeResult(false, errors.isEmpty() ? silent
                        : silent + "; QEMU said: " + abbreviate(errors.replace('\n', ' '), 400), false);
            default:
                return new ProbeResult(false, "QEMU could not run a KVM test guest: "
                        + abbreviate(outcome.detail().replace('\n', ' '), 400), false);
        }
    }

    /**
     * Everything the verdict depends on besides the guest: a host kernel update, another QEMU
     * binary, or a reloaded KVM module (new device node) means probing again.
     */
    Optional<String> cacheKey() {
        try {
            Path binary = resolveOnPath(qemuBinary).toRealPath();
            BasicFileAttributes qemu = Files.readAttributes(binary, BasicFileAttributes.class);
            Map<String, Object> kvm = Files.readAttributes(device, "unix:rdev,ino,ctime");
            return Optional.of("host=" + Files.readString(HOST_RELEASE).trim()
                    + ";qemu=" + binary + ";size=" + qemu.size() + ";mtime=" + qemu.lastModifiedTime().toMillis()
                    + ";kvm=" + device + ";rdev=" + kvm.get("rdev") + ";ino=" + kvm.get("ino")
                    + ";ctime=" + kvm.get("ctime"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            log.debug("KVM probe: no cache key, probing without the cache (" + e + ")");
            return Optional.empty();
        }
    }

    private Optional<ProbeResult> readCache(String key) {
        try {
            return cache.read(key);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Ignoring unreadable KVM probe cache " + cacheFile + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void writeCache(String key, ProbeResult result) {
        try {
            cache.write(key, result);
        } catch (IOException e) {
            log.warn("Could not write the KVM probe cache " + cacheFile + ": " + e.getMessage());
        }
    }

    private String describe(KvmStatus status) {
        if (status == KvmStatus.MISSING) {
            return device + " does not exist (KVM module not loaded, no hardware virtualization,"
                    + " or a container without the device)";
        }
        String user = System.getProperty("user.name");
        try {
            PosixFileAttributes attrs = Files.readAttributes(device, PosixFileAttributes.class);
            return device + " exists but user " + user + " cannot open it read-write (owner "
                    + attrs.owner().getName() + ", group " + attrs.group().getName() + ", mode "
                    + PosixFilePermissions.toString(attrs.permissions()) + "); add " + user
                    + " to group " + attrs.group().getName();
        } catch (IOException | UnsupportedOperationException e) {
            return device + " exists but user " + user + " cannot open it read-write";
        }
    }

    /** ProcessBuilder looks a bare command name up on PATH; the cache key must see the same file. */
    static Path resolveOnPath(Path binary) {
        if (binary.isAbsolute() || binary.getNameCount() > 1) {
            return binary;
        }
        return Executables.find(binary.toString()).orElse(binary);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
