package io.github.kvmboot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import io.github.kvmboot.initramfs.InitramfsBuilder;

/**
 * Real guests for tests: the Debian cloud kernel (downloaded once into a cache outside the clone
 * by {@code src/test/scripts/test-kernel.sh}) and busybox initramfs images built from an init
 * script. Also used by the invoker ITs' setup scripts (addTestClassPath).
 */
public final class TestGuests {

    private static Path kernel;
    private static Path builtKernel;
    private static Path hostRootKernel;
    private static Path linuxSource;
    private static Path debugKernel;

    private TestGuests() {
    }

    public static Path cacheDir() {
        String configured = System.getProperty("kvmboot.test.cache");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("KVMBOOT_TEST_CACHE");
        }
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("user.home") + "/.cache/kvmboot-test";
        }
        return Paths.get(configured).toAbsolutePath();
    }

    private static Path scriptsDir() {
        String configured = System.getProperty("kvmboot.test.scripts");
        return configured != null ? Paths.get(configured) : Paths.get("src/test/scripts").toAbsolutePath();
    }

    /** The test kernel's vmlinuz (a bzImage), fetched on first use. */
    public static synchronized Path kernel() throws IOException, InterruptedException {
        if (kernel == null) {
            kernel = runScript("test-kernel.sh", 10);
        }
        return kernel;
    }

    /**
     * A kernel built from Debian's linux-source-6.1 with {@code src/test/kernel/kvmboot-test.config}
     * (9p, e1000, virtio, ATA, pvpanic, KUnit built in), built once into the cache.
     */
    public static synchronized Path builtKernel() throws IOException, InterruptedException {
        if (builtKernel == null) {
            builtKernel = runScript("build-test-kernel.sh", 40);
        }
        return builtKernel;
    }

    /**
     * Debian's linux-source-6.1, unpacked once into the cache by {@code src/test/scripts/linux-source.sh}.
     * Shared by every test: never build in it (use O= or a {@code cp -al} copy).
     */
    public static synchronized Path linuxSource() throws IOException, InterruptedException {
        if (linuxSource == null) {
            linuxSource = runScript("linux-source.sh", 20);
        }
        return linuxSource;
    }

    /**
     * The self-built test kernel with {@code kvmboot-hostroot.config} on top (virtiofs, overlayfs,
     * modules, CONFIG_DUMMY=m): its build tree's {@code arch/x86/boot/bzImage}, so kvmboot finds the
     * tree's .config and modules.
     */
    public static synchronized Path hostRootKernelTreeImage() throws IOException, InterruptedException {
        if (hostRootKernel == null) {
            Path kernelDir = scriptsDir().resolveSibling("kernel");
            Path image = runScript("build-test-kernel.sh", 40, kernelDir.resolve("kvmboot-test.config").toString(),
                    kernelDir.resolve("kvmboot-hostroot.config").toString());
            hostRootKernel = image.resolveSibling("build/arch/x86/boot/bzImage");
        }
        return hostRootKernel;
    }

    /**
     * The self-built test kernel with {@code src/test/kernel/kvmboot-debug.config} on top (KALLSYMS,
     * DWARF line tables, BUG + DEBUG_BUGVERBOSE so a panic prints its stack, gdb scripts); its
     * vmlinux is {@code build/vmlinux} beside the bzImage, whose {@code source} link leads to the
     * tree with scripts/decode_stacktrace.sh.
     */
    public static synchronized Path debugKernel() throws IOException, InterruptedException {
        if (debugKernel == null) {
            Path kernelDir = scriptsDir().resolveSibling("kernel");
            debugKernel = runScript("build-test-kernel.sh", 60, kernelDir.resolve("kvmboot-test.config").toString(),
                    kernelDir.resolve("kvmboot-debug.config").toString());
        }
        return debugKernel;
    }

    /** The debug kernel's vmlinux (see {@link #debugKernel()}). */
    public static Path debugVmlinux() throws IOException, InterruptedException {
        return debugKernel().resolveSibling("build").resolve("vmlinux");
    }

    /** Debian's arm64 cloud kernel (an uncompressed Image with an EFI stub), cached by test-kernel-arm64.sh. */
    public static synchronized Path arm64Kernel() throws IOException, InterruptedException {
        return runScript("test-kernel-arm64.sh", 20);
    }

    /** Its modules ({@code lib/modules/<release>}): virtio is modular there. */
    public static Path arm64ModulesDir() throws IOException, InterruptedException {
        Path k = arm64Kernel();
        return k.getParent().getParent().resolve("lib/modules").resolve(k.getFileName().toString().substring("vmlinuz-".length()));
    }

    /** Debian's busybox-static:arm64, extracted by busybox-foreign.sh. */
    public static Path arm64Busybox() throws IOException, InterruptedException {
        return runScriptArguments("busybox-foreign.sh", 20, "arm64", cacheDir().toString());
    }

    /** A static riscv64 /init (src/test/guest/tiny-init.c: prints a marker and /proc/version, powers off). */
    public static Path riscv64Init() throws IOException, InterruptedException {
        return runScriptArguments("busybox-foreign.sh", 20, "riscv64", cacheDir().toString());
    }

    /** The self-built riscv64 kernel (tinyconfig + src/test/kernel/kvmboot-qemu-riscv64.config). */
    public static Path riscv64Kernel() throws IOException, InterruptedException {
        return runScriptArguments("build-cross-test-kernel.sh", 60, "riscv64", cacheDir().toString());
    }

    /** The self-built arm64 kernel (tinyconfig + src/test/kernel/kvmboot-qemu-arm64.config). */
    public static Path arm64BuiltKernel() throws IOException, InterruptedException {
        return runScriptArguments("build-cross-test-kernel.sh", 60, "arm64", cacheDir().toString());
    }

    private static Path runScript(String script, int minutes, String... more) throws IOException, InterruptedException {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of(cacheDir().toString()));
        argv.addAll(java.util.List.of(more));
        return runScriptArguments(script, minutes, argv.toArray(String[]::new));
    }

    private static Path runScriptArguments(String script, int minutes, String... arguments) throws IOException, InterruptedException {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("bash",
                scriptsDir().resolve(script).toString()));
        argv.addAll(java.util.List.of(arguments));
        Process p = new ProcessBuilder(argv)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(minutes, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
            p.destroyForcibly();
            throw new IOException("src/test/scripts/" + script + " failed (see its output above);"
                    + " it needs the packages .ci/run installs and a current 'apt-get update'");
        }
        String[] lines = out.split("\n");
        return Paths.get(lines[lines.length - 1].trim());
    }

    /** The test kernel's modules: {@code lib/modules/<release>} of its Debian package. */
    public static Path modulesDir() throws IOException, InterruptedException {
        Path k = kernel();
        String release = k.getFileName().toString().substring("vmlinuz-".length());
        return k.getParent().getParent().resolve("lib/modules").resolve(release);
    }

    public static Path busybox() throws IOException {
        for (String candidate : new String[] {"/bin/busybox", "/usr/bin/busybox"}) {
            Path p = Paths.get(candidate);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IOException("busybox not found: install the Debian package busybox-static");
    }

    /**
     * A gzip cpio initramfs with busybox and {@code /init} = the given shell script body (the
     * {@code #!/bin/sh} line and {@code PATH} are added), cached by content.
     */
    public static Path initramfs(String initBody) throws IOException {
        String script = "#!/bin/sh\n"
                + "export PATH=/bin\n"
                + "/bin/busybox --install -s /bin\n"
                + "mount -t proc proc /proc\n"
                + "mount -t sysfs sysfs /sys\n"
                + initBody + "\n";
        InitramfsBuilder builder = InitramfsBuilder.busybox(busybox(), script);
        Path target = cacheDir().resolve("initramfs").resolve(builder.contentHash() + ".cpio.gz");
        if (!Files.exists(target)) {
            builder.writeGzip(target);
        }
        return target;
    }

    /** Prints the marker and powers off. */
    public static Path printAndPowerOff(String marker) throws IOException {
        return initramfs("echo " + marker + "\npoweroff -f\n");
    }

    /** Prints the marker and then waits forever without powering off. */
    public static Path printAndHang(String marker) throws IOException {
        return initramfs("echo " + marker + "\nwhile true; do sleep 3600; done\n");
    }

    /** Never prints anything (useful for timeouts). */
    public static Path silentHang() throws IOException {
        return initramfs("while true; do sleep 3600; done\n");
    }

    /** Crashes the kernel through sysrq: a real "Kernel panic - not syncing". */
    public static Path panic() throws IOException {
        return initramfs("echo about-to-panic\necho c > /proc/sysrq-trigger\nsleep 3600\n");
    }

    /**
     * For scripts (bench/): {@code kernel} prints the test kernel's path; {@code poweroff MARKER}
     * and {@code hang MARKER} print the path of such an initramfs.
     */
    public static void main(String[] args) throws Exception {
        Path result = switch (args[0]) {
            case "kernel" -> kernel();
            case "poweroff" -> printAndPowerOff(args[1]);
            case "hang" -> printAndHang(args[1]);
            case "modules" -> modulesDir();
            case "hostroot-kernel" -> hostRootKernelTreeImage();
            case "built-kernel" -> builtKernel();
            default -> throw new IllegalArgumentException("kernel | modules | hostroot-kernel | poweroff MARKER | hang MARKER");
        };
        System.out.println(result);
    }
}
