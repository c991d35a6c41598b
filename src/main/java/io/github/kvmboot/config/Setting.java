package io.github.kvmboot.config;

import static io.github.kvmboot.config.Goal.*;
import static io.github.kvmboot.config.SettingSpec.choice;
import static io.github.kvmboot.config.SettingSpec.of;
import static io.github.kvmboot.config.ValueType.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one table of kvmboot settings: plugin parameter, properties, environment variable, value
 * type, default, the goals that read it, and documentation. Resolution ({@link SettingsResolver}),
 * error messages ({@link SettingException}), {@code -Dkvmboot.explain}, the mojos' configuration
 * fields (checked by MojoParametersTest) and the README table all read it.
 */
public enum Setting {
    KERNEL(of(PATH, "kernel").env("KVM_BOOT_KERNEL").alias("kernel").goals(BOOT)
            .computed("the newest kernel in kvmboot.bootDir when no target disk or command is given")
            .doc("Kernel image to boot, or a kernel build tree (then its arch/x86/boot/bzImage);"
                    + " relative to the project base directory.")),
    INITRD(of(PATH, "initrd").env("KVM_BOOT_INITRD").noneDisables().goals(BOOT)
            .computed("the initramfs matching the kernel release")
            .doc("Initramfs image. When unset, inferred from the kernel release, and without one found kvmboot"
                    + " generates one with an interactive busybox shell on the console; `shell` always boots that"
                    + " one; `auto` infers only (none found fails); `none` boots without one.")),
    LATEST(of(FLAG, "latest").byDefault("false").goals(BOOT)
            .doc("Boot the newest kernel and its initramfs found in kvmboot.bootDir.")),
    BOOT_DIR(of(PATH, "bootDir").env("KVM_BOOT_BOOT_DIR").byDefault("/boot").goals(BOOT)
            .doc("Directory searched for kernels and initramfs images.")),
    APPEND(of(TEXT, "append").env("KVM_BOOT_KERNEL_APPEND").goals(BOOT)
            .computed("`console=ttyS0,115200 panic=-1`, plus `root=/dev/sda1 rw` with a target disk,"
                    + " `console=tty0` with graphics and `no_timer_check cryptomgr.notests` under TCG")
            .doc("Kernel command line; replaces the default.")),
    MEMORY(of(SIZE, "memory").env("KVM_BOOT_MEM").byDefault("1024").goals(BOOT, INSTALL_GUEST)
            .doc("Guest memory: MiB (2048) or a whole number with suffix M, G or T (512M, 2G).")),
    CPUS(of(COUNT, "cpus").env("KVM_BOOT_CPUS").computed("min(4, host cores)").goals(BOOT, INSTALL_GUEST)
            .doc("Number of guest CPUs.")),
    QEMU(of(PATH, "qemu").env("KVM_BOOT_QEMU").byDefault("qemu-system-x86_64").goals(BOOT, INSTALL_GUEST)
            .doc("QEMU system emulator: a command looked up on PATH, or a path; the default follows kvmboot.arch"
                    + " (`qemu-system-aarch64`, `qemu-system-riscv64`).")),
    QEMU_DEV(of(FLAG, "qemuDev").byDefault("false").goals(BOOT, INSTALL_GUEST)
            .doc("Use a QEMU built from source under $HOME/devel/qemu (build/ or x86_64-softmmu/).")),
    ACCEL(choice("accel", "auto", "kvm", "tcg").env("KVM_BOOT_ACCEL").byDefault("auto").goals(BOOT, INSTALL_GUEST)
            .doc("Accelerator: auto (KVM when usable, else TCG with a warning saying why), kvm or tcg.")),
    TARGET(of(PATH, "target").env("KVM_BOOT_TARGET").goals(BOOT, INSTALL_GUEST)
            .doc("Primary disk image.")),
    USE_TARGET(of(ARGUMENTS, "useTarget").env("KVM_BOOT_USE_TARGET").goals(BOOT)
            .doc("Raw QEMU arguments for the primary disk.")),
    NEXT_TARGET(of(PATH, "nextTarget").env("KVM_BOOT_NEXT_TARGET").noneDisables().goals(BOOT, INSTALL_GUEST)
            .doc("Development disk image; `none` disables it.")),
    USE_NEXT_TARGET(of(ARGUMENTS, "useNextTarget").env("KVM_BOOT_USE_NEXT_TARGET").goals(BOOT)
            .doc("Raw QEMU arguments for the development disk.")),
    DISK_BOOT(of(FLAG, "diskBoot").byDefault("false").goals(BOOT)
            .doc("Boot the target image's own bootloader instead of a kernel.")),
    GRAPHICS(of(FLAG, "graphics").env("KVM_BOOT_ENABLE_GRAPHICS").byDefault("false").goals(BOOT, INSTALL_GUEST)
            .doc("Open the guest's graphical display instead of running headless.")),
    COMMAND(of(ARGUMENTS, "command").env("KVM_BOOT").goals(BOOT)
            .doc("The whole QEMU command line, split like a shell would but never run by a shell.")),
    NETWORK(choice("network", "auto", "vde", "user", "none").env("KVM_BOOT_NETWORK_MODE").byDefault("auto")
            .goals(BOOT, INSTALL_GUEST)
            .doc("Guest network: auto (VDE when the switch socket exists, else user-mode), vde, user or none.")),
    VDE_SOCKET(of(PATH, "vdeSocket").env("KVM_BOOT_VDE_SOCKET").byDefault("/var/run/qemu-vde.ctl")
            .goals(BOOT, INSTALL_GUEST, SETUP_SWITCH)
            .doc("VDE switch control socket.")),
    TIMEOUT(of(DURATION, "timeout").env("KVM_BOOT_TIMEOUT").byDefault("0").goals(BOOT, INSTALL_GUEST)
            .doc("Time limit for the guest: seconds (120) or a whole number with suffix s, m or h"
                    + " (120s, 2m, 1h); 0 = no limit.")),
    EXPECT(of(REGEX, "expect").goals(BOOT, INSTALL_GUEST)
            .doc("Regular expression (Java syntax) watched for on the console; when seen, the boot succeeded.")),
    FAIL_ON(of(REGEX, "failOn").noneDisables().goals(BOOT, INSTALL_GUEST)
            .byDefault("Kernel panic - not syncing|Oops|BUG:|KASAN|general protection fault")
            .doc("One regular expression (Java syntax, alternatives joined with |) that fails the run"
                    + " when seen on the console; `none` disables it.")),
    OUTPUT_DIRECTORY(of(PATH, "outputDirectory").everyGoal()
            .computed("${project.build.directory}/kvmboot (./kvmboot-out without a project)")
            .doc("Directory for console logs and other run output.")),
    SKIP(of(FLAG, "skip").byDefault("false").everyGoal()
            .doc("Skip every kvmboot goal.")),
    EXPLAIN(of(FLAG, "explain").byDefault("false").everyGoal()
            .doc("Print every effective setting with its source.")),
    DEVICE_SET(choice("deviceSet", "fast", "seed").env("KVM_BOOT_DEVICE_SET").byDefault("fast")
            .goals(BOOT, INSTALL_GUEST)
            .doc("Emulated devices: fast (-nodefaults plus only the devices kvmboot needs)"
                    + " or seed (the kvm-boot scripts' device set).")),

    PVH(choice("pvh", "off", "auto").byDefault("off").goals(BOOT)
            .doc("auto: under TCG with the fast device set, boot an x86 bzImage through QEMU's PVH entry when its"
                    + " vmlinux has one (CONFIG_PVH): the build tree's vmlinux, or the image's lz4/zstd/gzip payload"
                    + " extracted once into the cache; skips the firmware's boot of the setup code and the"
                    + " decompressor (~0.4 s a boot), and KASLR with it. Not with kvmboot.suspend=mem: a PVH-booted"
                    + " guest does not survive the wakeup from S3. off boots the bzImage as it is.")),

    // issue 3: setup-switch and guest networking
    DRY_RUN(of(FLAG, "dryRun").byDefault("false").goals(SETUP_SWITCH)
            .doc("Print the exact commands a goal would run and change nothing.")),
    VERBOSE(of(FLAG, "verbose").byDefault("false").goals(SETUP_SWITCH)
            .doc("Print every command a goal runs.")),
    SWITCH_ACTION(choice("switchAction", "setup", "status", "reset", "teardown").alias("kvmboot.switch.action")
            .byDefault("setup").goals(SETUP_SWITCH)
            .doc("What to do with the switch: setup, status, reset (teardown then setup) or teardown.")),
    MAC(of(MAC_ADDRESS, "mac").goals(BOOT)
            .computed("52:54:00 plus 3 bytes of a hash of the target image path (of the output directory"
                    + " without a target)")
            .doc("Guest MAC address; the default is stable per image, so guests of different images differ.")),
    // issue 4: install-guest and disk images
    CREATE_TARGET(of(SIZE, "createTarget").goals(BOOT, INSTALL_GUEST)
            .doc("Create the target as a new qcow2 image of this size (6G, 512M, 20480M) when it does not"
                    + " exist; an existing file is never overwritten (the run fails instead).")),
    CREATE_NEXT_TARGET(of(SIZE, "createNextTarget").goals(BOOT, INSTALL_GUEST)
            .doc("Create the development disk as a new qcow2 image of this size (50G) when it does not"
                    + " exist; an existing file is never overwritten (the run fails instead).")),
    BACKING_IMAGE(of(PATH, "backingImage").goals(BOOT, INSTALL_GUEST)
            .doc("With kvmboot.createTarget: create the target as a qcow2 overlay on this base image"
                    + " (the base is only read), so a pristine base can be booted many times.")),
    SNAPSHOT(of(FLAG, "snapshot").byDefault("false").goals(BOOT, INSTALL_GUEST)
            .doc("Throw-away run: QEMU's -snapshot, disk writes go to temporary files and are discarded.")),
    LIST_ISOS(of(FLAG, "listIsos").byDefault("false").goals(INSTALL_GUEST)
            .doc("List the ISO images under kvmboot.isoPath with their sizes, then stop.")),
    // issue 6: kernel-tree build (kernel-config and build goals)
    KERNEL_TREE(of(PATH, "kernelTree").env("KVM_BOOT_KERNEL_TREE").computed("the project base directory")
            .goals(KERNEL_CONFIG, BUILD)
            .doc("Linux source tree (a Makefile with VERSION = and a Kconfig).")),
    BUILD_DIR(of(PATH, "buildDir").env("KVM_BOOT_BUILD_DIR").computed("the source tree itself")
            .goals(KERNEL_CONFIG, BUILD)
            .doc("Out-of-tree build directory, passed to make as O=.")),
    BASE_CONFIG(choice("baseConfig", "tinyconfig", "defconfig", "kvm_guest").env("KVM_BOOT_BASE_CONFIG")
            .byDefault("tinyconfig").goals(KERNEL_CONFIG)
            .doc("Starting configuration when the build has no .config yet: tinyconfig (fastest build),"
                    + " defconfig or kvm_guest (defconfig plus kvm_guest.config).")),
    CONFIG_FRAGMENTS(of(PATHS, "configFragments").env("KVM_BOOT_CONFIG_FRAGMENTS").goals(KERNEL_CONFIG)
            .doc("Config fragment files merged after kvmboot's QEMU fragment (later ones win); every option"
                    + " they set must survive olddefconfig.")),
    JOBS(of(COUNT, "jobs").env("KVM_BOOT_JOBS").computed("host cores").goals(KERNEL_CONFIG, BUILD)
            .doc("Parallel make jobs (make -jN).")),
    ARCH(of(TEXT, "arch").env("KVM_BOOT_ARCH")
            .computed("boot: read from the kernel image's header; kernel-config and build: make's default (the host)")
            .goals(BOOT, KERNEL_CONFIG, BUILD)
            .doc("Guest architecture: x86_64, arm64 or riscv64 (aliases amd64, aarch64, riscv; x86 for make)."
                    + " QEMU, machine, console and devices follow it, KVM only when it is the host's; a kernel"
                    + " image of another architecture fails. For make: ARCH=x86_64, arm64 or riscv.")),
    CROSS_COMPILE(of(TEXT, "crossCompile").env("KVM_BOOT_CROSS_COMPILE").goals(KERNEL_CONFIG, BUILD)
            .doc("CROSS_COMPILE= toolchain prefix for make, e.g. x86_64-linux-gnu-.")),
    LLVM(of(FLAG, "llvm").env("KVM_BOOT_LLVM").byDefault("false").goals(KERNEL_CONFIG, BUILD)
            .doc("Build with Clang/LLVM (make LLVM=1).")),
    BUILD_MODULES(of(FLAG, "buildModules").env("KVM_BOOT_BUILD_MODULES").byDefault("false").goals(BUILD)
            .doc("Also run make modules.")),
    // issue 5: exec, shares, crash detection
    EXEC(of(TEXT, "exec").env("KVM_BOOT_EXEC").goals(BOOT)
            .doc("Shell command run in the guest (busybox sh -c) from a generated initramfs; the guest then"
                    + " powers off and the goal fails unless the command exits with 0.")),
    SHARE(of(PATHS, "share").env("KVM_BOOT_SHARE").goals(BOOT)
            .doc("Host directories for the guest (9p over virtio), comma-separated: `/host/dir` (mounted at"
                    + " /share, or /share/<name> when there are several) or `/host/dir:/guest/dir`.")),
    BUSYBOX(of(PATH, "busybox").env("KVM_BOOT_BUSYBOX").byDefault("/bin/busybox").goals(BOOT)
            .doc("Statically linked busybox for the generated initramfs (Debian/Ubuntu: busybox-static).")),
    MODULES(of(PATH, "modules").env("KVM_BOOT_MODULES").goals(BOOT)
            .doc("Kernel modules for the generated initramfs: a lib/modules/<release> directory or an"
                    + " INSTALL_MOD_PATH holding one.")),
    LOAD_MODULES(of(NAMES, "loadModules").computed("the 9p, virtio and pvpanic modules the run needs").goals(BOOT)
            .doc("Modules the generated init loads from kvmboot.modules, with their dependencies.")),
    NO_OUTPUT_TIMEOUT(of(DURATION, "noOutputTimeout").env("KVM_BOOT_NO_OUTPUT_TIMEOUT").byDefault("0").goals(BOOT)
            .doc("Fail when the console stays silent this long: seconds or a whole number with suffix s, m"
                    + " or h; 0 = no limit.")),
    FAIL_ON_WARNING(of(FLAG, "failOnWarning").byDefault("false").goals(BOOT)
            .doc("Also fail on kernel warnings (`WARNING:` lines); otherwise they are only counted and reported.")),

    // setup-switch
    NETDEV(of(TEXT, "netdev").env("KVM_BOOT_NETDEV").goals(SETUP_SWITCH)
            .doc("Uplink network device.")),
    TAP_DEV(of(TEXT, "tapDev").env("KVM_BOOT_TAP_DEV").byDefault("tap0").goals(SETUP_SWITCH)
            .doc("Tap device of the switch.")),
    // Not "network": that parameter is the guest network mode.
    NETWORK_ADDRESS(of(IPV4_ADDRESS, "networkAddress").env("KVM_BOOT_NETWORK").byDefault("192.168.53.0")
            .goals(SETUP_SWITCH)
            .doc("Network address of the switch's subnet.")),
    NETMASK(of(IPV4_ADDRESS, "netmask").env("KVM_BOOT_NETMASK").byDefault("255.255.255.0").goals(SETUP_SWITCH)
            .doc("Netmask of the switch's subnet.")),
    GATEWAY(of(IPV4_ADDRESS, "gateway").env("KVM_BOOT_GATEWAY").byDefault("192.168.53.1").goals(SETUP_SWITCH)
            .doc("Gateway address offered to guests.")),
    DHCP_RANGE(of(TEXT, "dhcpRange").env("KVM_BOOT_DHCPRANGE").byDefault("192.168.53.2,192.168.53.254")
            .goals(SETUP_SWITCH)
            .doc("DHCP address range, first,last.")),
    DNSMASQ_RUN_DIR(of(PATH, "dnsmasqRunDir").env("KVM_BOOT_DNSMASQ_RUN_DIR").byDefault("/var/run/dnsmasq")
            .goals(SETUP_SWITCH)
            .doc("Directory for dnsmasq's pid and lease files.")),
    TFTP_ROOT(of(PATH, "tftpRoot").env("KVM_BOOT_TFTPROOT").goals(SETUP_SWITCH)
            .doc("TFTP root directory served to guests.")),
    BOOTP(of(TEXT, "bootp").env("KVM_BOOT_BOOTP").goals(SETUP_SWITCH)
            .doc("Boot file offered to guests over BOOTP/DHCP.")),

    // install-guest
    ISO(of(PATH, "iso").env("KVM_BOOT_ISO").goals(INSTALL_GUEST)
            .doc("Installer ISO image.")),
    ISO_PATH(of(PATH, "isoPath").env("KVM_BOOT_ISO_PATH").byDefault("/opt/isos").goals(INSTALL_GUEST)
            .doc("Directory holding installer ISO images.")),

    // issue 5: KTAP results and reports
    KTAP(choice("ktap", "auto", "fail", "report", "off").env("KVM_BOOT_KTAP").byDefault("auto").goals(BOOT)
            .doc("KTAP (KUnit) results on the console: auto (parse and report; fail the build when a test"
                    + " failed or crashed), fail (like auto, and also fail when no KTAP output appeared),"
                    + " report (parse and report, never fail the build for test results) or off.")),
    REPORTS_DIRECTORY(of(PATH, "reportsDirectory").goals(BOOT)
            .computed("`${project.build.directory}/kvmboot-reports` (`<outputDirectory>/reports` without a project)")
            .doc("Directory for the JUnit XML report (`TEST-kvmboot-<execution id>.xml`) and the JSON summary"
                    + " (`kvmboot-<execution id>.json`).")),

    // issue 11: suspend and resume
    SUSPEND(choice("suspend", "off", "mem", "freeze", "disk").byDefault("off").goals(BOOT, KERNEL_CONFIG, BUILD)
            .doc("Suspend/resume cycles run by kvmboot's generated init (with kvmboot.exec before the command,"
                    + " or alone): mem (S3, woken by the host), disk (S4, hibernation to a swap disk kvmboot"
                    + " creates in kvmboot.outputDirectory; QEMU is started again and the guest resumes from the"
                    + " image), freeze (s2idle: refused, QEMU 7.2 cannot wake it) or off. With kernel-config,"
                    + " any mode but off also merges kvmboot's suspend fragment (CONFIG_SUSPEND, CONFIG_HIBERNATION).")),
    SUSPEND_CYCLES(of(COUNT, "suspendCycles").byDefault("1").goals(BOOT)
            .doc("How many suspend/resume cycles kvmboot.suspend runs; each is a test case suspend.<mode>.<n>.")),
    WAKEUP_AFTER(of(DURATION, "wakeupAfter").goals(BOOT)
            .computed("`1s` with kvmboot.suspend, else `0`")
            .doc("Wake a suspended guest after this long (seconds or a whole number with suffix s, m or h);"
                    + " 0 = never (wake it with kvmboot:wakeup).")),

    // issue 14: debugging a kernel that crashed
    GDB(of(TEXT, "gdb").goals(BOOT)
            .doc("Start QEMU's gdb stub on 127.0.0.1 at this port (`auto`: a free one); adds `nokaslr` to the"
                    + " kernel command line unless it has kaslr choices; the port is published as kvmboot.gdb.port.")),
    GDB_WAIT(of(FLAG, "gdbWait").byDefault("false").goals(BOOT)
            .doc("With kvmboot.gdb: halt the CPU before the first instruction until a debugger continues it;"
                    + " timeouts do not count while the guest is halted for the debugger.")),
    DUMP_ON_PANIC(of(FLAG, "dumpOnPanic").byDefault("false").goals(BOOT)
            .doc("On a panic (pvpanic GUEST_PANICKED or a kvmboot.failOn match) pause the guest and write its"
                    + " memory as an ELF core to `<outputDirectory>/vmcore` (for crash or drgn) before QEMU stops.")),
    VMLINUX(of(PATH, "vmlinux").goals(BOOT)
            .computed("`vmlinux` of the kernel's build tree, when the kernel is its arch/x86/boot/bzImage")
            .doc("The kernel's ELF image with symbols, for the gdb command printed with kvmboot.gdb, the"
                    + " `crash` command printed with kvmboot.dumpOnPanic and stack traces decoded to file:line by its"
                    + " tree's scripts/decode_stacktrace.sh; must match the kernel's release.")),

    // issue 10: guests for integration tests (start, stop, qmp; start also reads every boot setting)
    NAME(of(TEXT, "name").goals(START, STOP, QMP).computed("the execution id (`default-cli` from the command line)")
            .doc("Which guest of the build: start runs it in `<outputDirectory>/<name>`, stop and qmp find it there;"
                    + " letters, digits, `.`, `_` and `-`.")),
    FORWARD(of(PORT_FORWARDS, "forward").goals(BOOT)
            .doc("Guest TCP ports reachable on 127.0.0.1 (user-mode network), comma-separated: `tcp:8080` (a free"
                    + " host port) or `tcp:18080:8080` (host:guest); published as `kvmboot.port.<guestPort>`"
                    + " and in `<outputDirectory>/<name>/ports.properties`.")),
    WAIT_FOR(of(TEXT, "waitFor").goals(START).computed("kvmboot.expect when set, else QEMU running (`qmp:running`)")
            .doc("When start returns, all must hold, separated by commas: `console:<regex>` (a console line;"
                    + " commas allowed in it), `tcp:<guestPort>` (a forwarded port whose guest side answers)"
                    + " or `qmp:running`; bounded by kvmboot.timeout.")),
    STOP_TIMEOUT(of(DURATION, "stopTimeout").byDefault("10").goals(STOP)
            .doc("Grace period for the guest to power off after ACPI power-down before QEMU is quit or killed"
                    + " (an exec guest powers off at once when its kernel has the ACPI button and evdev drivers,"
                    + " built in or in kvmboot.modules: its init runs busybox acpid; else it takes all of it).")),
    KEEP_RUNNING(of(FLAG, "keepRunning").byDefault("false").goals(START, STOP)
            .doc("start runs the guest so that it may outlive Maven (its own session, console written by QEMU to"
                    + " console.log), and stop judges its life so far but leaves it up for inspection, printing how to"
                    + " reach it; a later `mvn kvmboot:stop` in the same directory stops it and its helper daemons.")),
    QMP_COMMAND(of(TEXT, "qmp").goals(QMP)
            .doc("The QMP command for kvmboot:qmp: a command name (`query-status`) or a whole JSON object"
                    + " (`{\"execute\":...,\"arguments\":{...}}`).")),

    // issue 12: the host's userland in the guest
    ROOTFS(choice("rootfs", "initramfs", "host").byDefault("initramfs").goals(BOOT)
            .doc("The root file system of kvmboot.exec (or, without it, of an interactive shell): initramfs"
                    + " (busybox only) or host (the host's `/`, read-only, with tmpfs overlays on kvmboot.rwDirs;"
                    + " the command runs with the host's /bin/sh in the working directory).")),
    RW_DIRS(of(PATHS, "rwDirs").byDefault("/etc,/var,/tmp,/root,/home,/run").goals(BOOT)
            .doc("With kvmboot.rootfs=host: the directories the guest may write, each an overlay on a tmpfs,"
                    + " so nothing reaches the host; `none` for none.")),
    ROOTFS_SHARE(choice("rootfsShare", "auto", "virtiofs", "9p").byDefault("auto").goals(BOOT)
            .doc("How kvmboot.rootfs=host reaches the guest: virtiofs (a virtiofsd per run), 9p (QEMU's"
                    + " readonly 9p server) or auto (virtiofs when kvmboot.virtiofsd exists and Maven runs as"
                    + " root, else 9p).")),
    VIRTIOFSD(of(PATH, "virtiofsd").byDefault("/usr/lib/qemu/virtiofsd").goals(BOOT)
            .doc("The virtiofs daemon: QEMU's C virtiofsd (Debian: qemu-system-common) or the Rust one.")),
    WRITABLE_WORKDIR(of(FLAG, "writableWorkdir").byDefault("false").goals(BOOT)
            .doc("With kvmboot.rootfs=host: the working directory is shared writable (9p), so the guest's"
                    + " writes there reach the host."));

    static final String PROPERTY_PREFIX = "kvmboot.";

    private final ValueType type;
    private final List<String> choices;
    private final String parameterName;
    private final List<String> properties;
    private final String envVar;
    private final String defaultValue;
    private final String defaultDescription;
    private final String description;
    private final boolean noneDisables;
    private final boolean everyGoal;
    private final Set<Goal> goals;

    Setting(SettingSpec spec) {
        this.type = spec.type;
        this.choices = spec.choices;
        this.parameterName = spec.parameterName;
        List<String> names = new ArrayList<>();
        names.add(PROPERTY_PREFIX + spec.parameterName);
        names.addAll(spec.aliases);
        this.properties = Collections.unmodifiableList(names);
        this.envVar = spec.envVar;
        this.defaultValue = spec.defaultValue;
        this.defaultDescription = spec.defaultDescription;
        this.description = spec.description;
        this.noneDisables = spec.noneDisables;
        this.everyGoal = spec.everyGoal;
        if (everyGoal == !spec.goals.isEmpty()) {
            throw new IllegalStateException(spec.parameterName + ": list its goals or mark it everyGoal(), not both");
        }
        Set<Goal> read = everyGoal ? EnumSet.allOf(Goal.class) : EnumSet.copyOf(spec.goals);
        for (Goal goal : Goal.values()) {
            if (goal.alsoReadsSettingsOf() != null && read.contains(goal.alsoReadsSettingsOf())) {
                read.add(goal);
            }
        }
        this.goals = Collections.unmodifiableSet(read);
    }

    /** The element name in the plugin {@code <configuration>}. */
    public String parameterName() {
        return parameterName;
    }

    /** The -D / POM property names, canonical first. */
    public List<String> properties() {
        return properties;
    }

    /** The name used in messages and docs, e.g. {@code kvmboot.memory}. */
    public String canonicalProperty() {
        return properties.get(0);
    }

    /** The environment variable, or {@code null} when the setting has none. */
    public String envVar() {
        return envVar;
    }

    /** The default value, or {@code null} when unset or computed by a later layer. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Text for docs when the default is computed (then {@link #defaultValue()} is null), else null. */
    public String defaultDescription() {
        return defaultDescription;
    }

    public String description() {
        return description;
    }

    public ValueType type() {
        return type;
    }

    /** The allowed words of a {@link ValueType#CHOICE}, else empty. */
    public List<String> choices() {
        return choices;
    }

    /** The goals that read this setting (so their mojos have a configuration field for it). */
    public Set<Goal> goals() {
        return goals;
    }

    /** True for the settings every goal reads, including goals added later: skip, explain, outputDirectory. */
    public boolean isCommon() {
        return everyGoal;
    }

    public boolean isReadBy(Goal goal) {
        return goals.contains(goal);
    }

    /** The settings {@code goal} reads, in table order. */
    public static Set<Setting> forGoal(Goal goal) {
        Set<Setting> read = EnumSet.noneOf(Setting.class);
        for (Setting setting : values()) {
            if (setting.isReadBy(goal)) {
                read.add(setting);
            }
        }
        return Collections.unmodifiableSet(read);
    }

    /** A boolean; a blank value means true (a bare {@code <skip/>} or {@code -Dskip=}). */
    public boolean isFlag() {
        return type == ValueType.FLAG;
    }

    /** True when the value {@code none} switches this setting's feature off, even when there is a default. */
    public boolean acceptsNone() {
        return noneDisables;
    }

    /** A Markdown table of every setting: | property | env var | default | type | goals | description |. */
    public static String markdownTable() {
        return SettingsMarkdown.table();
    }
}
