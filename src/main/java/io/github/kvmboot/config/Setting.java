package io.github.kvmboot.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one table of kvmboot settings: plugin parameter, properties, environment variable, default
 * and documentation. Resolution ({@link SettingsResolver}), error messages ({@link
 * SettingException}), {@code -Dkvmboot.explain} and the README table all read it.
 */
public enum Setting {
    KERNEL(Kind.VALUE, "kernel", "KVM_BOOT_KERNEL", null, null,
            "Kernel image to boot, or a kernel build tree (then its arch/x86/boot/bzImage);"
                    + " relative to the project base directory.",
            "kernel"),
    INITRD(Kind.NONE_DISABLES, "initrd", "KVM_BOOT_INITRD", null, "the initramfs matching the kernel release",
            "Initramfs image. When unset, inferred from the kernel release; `none` boots without one."),
    LATEST(Kind.FLAG, "latest", null, "false", null,
            "Boot the newest kernel and its initramfs found in kvmboot.bootDir."),
    BOOT_DIR(Kind.VALUE, "bootDir", "KVM_BOOT_BOOT_DIR", "/boot", null,
            "Directory searched for kernels and initramfs images."),
    APPEND(Kind.VALUE, "append", "KVM_BOOT_KERNEL_APPEND", null, "`console=ttyS0,115200 panic=-1`, plus `root=/dev/sda1 rw` with a target disk, `console=tty0` with graphics and `no_timer_check` under TCG",
            "Kernel command line; replaces the default."),
    MEMORY(Kind.VALUE, "memory", "KVM_BOOT_MEM", "1024", null,
            "Guest memory: MiB (2048) or a whole number with suffix M, G or T (512M, 2G)."),
    CPUS(Kind.VALUE, "cpus", "KVM_BOOT_CPUS", null, "min(4, host cores)",
            "Number of guest CPUs."),
    QEMU(Kind.VALUE, "qemu", "KVM_BOOT_QEMU", "qemu-system-x86_64", null,
            "QEMU system emulator: a command looked up on PATH, or a path."),
    QEMU_DEV(Kind.FLAG, "qemuDev", null, "false", null,
            "Use a QEMU built from source under $HOME/devel/qemu (build/ or x86_64-softmmu/)."),
    ACCEL(Kind.VALUE, "accel", "KVM_BOOT_ACCEL", "auto", null,
            "Accelerator: auto (KVM when usable, else TCG with a warning saying why), kvm or tcg."),
    TARGET(Kind.VALUE, "target", "KVM_BOOT_TARGET", null, null,
            "Primary disk image."),
    USE_TARGET(Kind.VALUE, "useTarget", "KVM_BOOT_USE_TARGET", null, null,
            "Raw QEMU arguments for the primary disk."),
    NEXT_TARGET(Kind.NONE_DISABLES, "nextTarget", "KVM_BOOT_NEXT_TARGET", null, null,
            "Development disk image; `none` disables it."),
    USE_NEXT_TARGET(Kind.VALUE, "useNextTarget", "KVM_BOOT_USE_NEXT_TARGET", null, null,
            "Raw QEMU arguments for the development disk."),
    DISK_BOOT(Kind.FLAG, "diskBoot", null, "false", null,
            "Boot the target image's own bootloader instead of a kernel."),
    GRAPHICS(Kind.FLAG, "graphics", "KVM_BOOT_ENABLE_GRAPHICS", "false", null,
            "Open the guest's graphical display instead of running headless."),
    COMMAND(Kind.VALUE, "command", "KVM_BOOT", null, null,
            "The whole QEMU command line, split like a shell would but never run by a shell."),
    NETWORK(Kind.VALUE, "network", "KVM_BOOT_NETWORK_MODE", "auto", null,
            "Guest network: auto (VDE when the switch socket exists, else user-mode), vde, user or none."),
    VDE_SOCKET(Kind.VALUE, "vdeSocket", "KVM_BOOT_VDE_SOCKET", "/var/run/qemu-vde.ctl", null,
            "VDE switch control socket."),
    TIMEOUT(Kind.VALUE, "timeout", "KVM_BOOT_TIMEOUT", "0", null,
            "Time limit for the guest: seconds (120) or a whole number with suffix s, m or h"
                    + " (120s, 2m, 1h); 0 = no limit."),
    EXPECT(Kind.VALUE, "expect", null, null, null,
            "Regular expression (Java syntax) watched for on the console; when seen, the boot succeeded."),
    FAIL_ON(Kind.NONE_DISABLES, "failOn", null,
            "Kernel panic - not syncing|Oops|BUG:|KASAN|general protection fault", null,
            "One regular expression (Java syntax, alternatives joined with |) that fails the run"
                    + " when seen on the console; `none` disables it."),
    OUTPUT_DIRECTORY(Kind.VALUE, "outputDirectory", null, null,
            "${project.build.directory}/kvmboot (./kvmboot-out without a project)",
            "Directory for console logs and other run output."),
    SKIP(Kind.FLAG, "skip", null, "false", null,
            "Skip every kvmboot goal."),
    EXPLAIN(Kind.FLAG, "explain", null, "false", null,
            "Print every effective setting with its source."),
    DEVICE_SET(Kind.VALUE, "deviceSet", "KVM_BOOT_DEVICE_SET", "fast", null,
            "Emulated devices: fast (-nodefaults plus only the devices kvmboot needs)"
                    + " or seed (the kvm-boot scripts' device set)."),

    // issue 3: setup-switch and guest networking
    DRY_RUN(Kind.FLAG, "dryRun", null, "false", null,
            "Print the exact commands a goal would run and change nothing (setup-switch)."),
    VERBOSE(Kind.FLAG, "verbose", null, "false", null,
            "Print every command a goal runs (setup-switch)."),
    SWITCH_ACTION(Kind.VALUE, "switchAction", null, "setup", null,
            "setup-switch: setup, status, reset (teardown then setup) or teardown.",
            "kvmboot.switch.action"),
    MAC(Kind.VALUE, "mac", null, null,
            "52:54:00 plus 3 bytes of a hash of the target image path (of the output directory without a target)",
            "Guest MAC address; the default is stable per image, so guests of different images differ."),
    // issue 4: install-guest and disk images
    CREATE_TARGET(Kind.VALUE, "createTarget", null, null, null,
            "Create the target as a new qcow2 image of this size (6G, 512M, 20480M) when it does not"
                    + " exist; an existing file is never overwritten (the run fails instead)."),
    CREATE_NEXT_TARGET(Kind.VALUE, "createNextTarget", null, null, null,
            "Create the development disk as a new qcow2 image of this size (50G) when it does not"
                    + " exist; an existing file is never overwritten (the run fails instead)."),
    BACKING_IMAGE(Kind.VALUE, "backingImage", null, null, null,
            "With kvmboot.createTarget: create the target as a qcow2 overlay on this base image"
                    + " (the base is only read), so a pristine base can be booted many times."),
    SNAPSHOT(Kind.FLAG, "snapshot", null, "false", null,
            "Throw-away run: QEMU's -snapshot, disk writes go to temporary files and are discarded."),
    LIST_ISOS(Kind.FLAG, "listIsos", null, "false", null,
            "install-guest: list the ISO images under kvmboot.isoPath with their sizes, then stop."),
    // issue 6: kernel-tree build (kernel-config and build goals)
    KERNEL_TREE(Kind.VALUE, "kernelTree", "KVM_BOOT_KERNEL_TREE", null, "the project base directory",
            "kernel-config/build: Linux source tree (a Makefile with VERSION = and a Kconfig)."),
    BUILD_DIR(Kind.VALUE, "buildDir", "KVM_BOOT_BUILD_DIR", null, "the source tree itself",
            "kernel-config/build: out-of-tree build directory, passed to make as O=."),
    BASE_CONFIG(Kind.VALUE, "baseConfig", "KVM_BOOT_BASE_CONFIG", "tinyconfig", null,
            "kernel-config: starting configuration when the build has no .config yet:"
                    + " tinyconfig (fastest build), defconfig or kvm_guest (defconfig plus kvm_guest.config)."),
    CONFIG_FRAGMENTS(Kind.VALUE, "configFragments", "KVM_BOOT_CONFIG_FRAGMENTS", null, null,
            "kernel-config: comma-separated config fragment files merged after kvmboot's QEMU fragment"
                    + " (later ones win); every option they set must survive olddefconfig."),
    JOBS(Kind.VALUE, "jobs", "KVM_BOOT_JOBS", null, "host cores",
            "build: parallel make jobs (make -jN)."),
    ARCH(Kind.VALUE, "arch", "KVM_BOOT_ARCH", null, "make's default (the host)",
            "kernel-config/build: ARCH= for make: x86_64 or x86 (kvmboot boots x86 guests)."),
    CROSS_COMPILE(Kind.VALUE, "crossCompile", "KVM_BOOT_CROSS_COMPILE", null, null,
            "kernel-config/build: CROSS_COMPILE= toolchain prefix for make, e.g. x86_64-linux-gnu-."),
    LLVM(Kind.FLAG, "llvm", "KVM_BOOT_LLVM", "false", null,
            "kernel-config/build: build with Clang/LLVM (make LLVM=1)."),
    BUILD_MODULES(Kind.FLAG, "buildModules", "KVM_BOOT_BUILD_MODULES", "false", null,
            "build: also run make modules."),
    // issue 5: exec, shares, crash detection
    EXEC(Kind.VALUE, "exec", "KVM_BOOT_EXEC", null, null,
            "Shell command run in the guest (busybox sh -c) from a generated initramfs; the guest then"
                    + " powers off and the goal fails unless the command exits with 0."),
    SHARE(Kind.VALUE, "share", "KVM_BOOT_SHARE", null, null,
            "Host directories for the guest (9p over virtio), comma-separated: `/host/dir` (mounted at"
                    + " /share, or /share/<name> when there are several) or `/host/dir:/guest/dir`."),
    BUSYBOX(Kind.VALUE, "busybox", "KVM_BOOT_BUSYBOX", "/bin/busybox", null,
            "Statically linked busybox for the generated initramfs (Debian/Ubuntu: busybox-static)."),
    MODULES(Kind.VALUE, "modules", "KVM_BOOT_MODULES", null, null,
            "Kernel modules for the generated initramfs: a lib/modules/<release> directory or an"
                    + " INSTALL_MOD_PATH holding one."),
    LOAD_MODULES(Kind.VALUE, "loadModules", null, null,
            "the 9p, virtio and pvpanic modules the run needs",
            "Modules (comma-separated names) the generated init loads from kvmboot.modules, with their dependencies."),
    NO_OUTPUT_TIMEOUT(Kind.VALUE, "noOutputTimeout", "KVM_BOOT_NO_OUTPUT_TIMEOUT", "0", null,
            "Fail when the console stays silent this long: seconds or a whole number with suffix s, m"
                    + " or h; 0 = no limit."),
    FAIL_ON_WARNING(Kind.FLAG, "failOnWarning", null, "false", null,
            "Also fail on kernel warnings (`WARNING:` lines); otherwise they are only counted and reported."),

    // setup-switch
    NETDEV(Kind.VALUE, "netdev", "KVM_BOOT_NETDEV", null, null,
            "setup-switch: uplink network device."),
    TAP_DEV(Kind.VALUE, "tapDev", "KVM_BOOT_TAP_DEV", "tap0", null,
            "setup-switch: tap device of the switch."),
    // Not "network": that parameter is the guest network mode.
    NETWORK_ADDRESS(Kind.VALUE, "networkAddress", "KVM_BOOT_NETWORK", "192.168.53.0", null,
            "setup-switch: network address of the switch's subnet."),
    NETMASK(Kind.VALUE, "netmask", "KVM_BOOT_NETMASK", "255.255.255.0", null,
            "setup-switch: netmask of the switch's subnet."),
    GATEWAY(Kind.VALUE, "gateway", "KVM_BOOT_GATEWAY", "192.168.53.1", null,
            "setup-switch: gateway address offered to guests."),
    DHCP_RANGE(Kind.VALUE, "dhcpRange", "KVM_BOOT_DHCPRANGE", "192.168.53.2,192.168.53.254", null,
            "setup-switch: DHCP address range, first,last."),
    DNSMASQ_RUN_DIR(Kind.VALUE, "dnsmasqRunDir", "KVM_BOOT_DNSMASQ_RUN_DIR", "/var/run/dnsmasq", null,
            "setup-switch: directory for dnsmasq's pid and lease files."),
    TFTP_ROOT(Kind.VALUE, "tftpRoot", "KVM_BOOT_TFTPROOT", null, null,
            "setup-switch: TFTP root directory served to guests."),
    BOOTP(Kind.VALUE, "bootp", "KVM_BOOT_BOOTP", null, null,
            "setup-switch: boot file offered to guests over BOOTP/DHCP."),

    // install-guest
    ISO(Kind.VALUE, "iso", "KVM_BOOT_ISO", null, null,
            "install-guest: installer ISO image."),
    ISO_PATH(Kind.VALUE, "isoPath", "KVM_BOOT_ISO_PATH", "/opt/isos", null,
            "install-guest: directory holding installer ISO images."),

    // issue 5: KTAP results and reports
    KTAP(Kind.VALUE, "ktap", "KVM_BOOT_KTAP", "auto", null,
            "KTAP (KUnit) results on the console: auto (parse and report; fail the build when a test"
                    + " failed or crashed), fail (like auto, and also fail when no KTAP output appeared),"
                    + " report (parse and report, never fail the build for test results) or off."),
    REPORTS_DIRECTORY(Kind.VALUE, "reportsDirectory", null, null,
            "`${project.build.directory}/kvmboot-reports` (`<outputDirectory>/reports` without a project)",
            "Directory for the JUnit XML report (`TEST-kvmboot-<execution id>.xml`) and the JSON summary"
                    + " (`kvmboot-<execution id>.json`).");

    /** How a blank value and the word {@code none} are treated. */
    enum Kind {
        VALUE,
        /** A boolean; a blank value means true (a bare {@code <skip/>} or {@code -Dskip=}). */
        FLAG,
        /** A value where {@code none} switches the feature off, even when there is a default. */
        NONE_DISABLES
    }

    static final String PROPERTY_PREFIX = "kvmboot.";

    private final Kind kind;
    private final String parameterName;
    private final List<String> properties;
    private final String envVar;
    private final String defaultValue;
    private final String defaultDescription;
    private final String description;

    Setting(Kind kind, String parameterName, String envVar, String defaultValue,
            String defaultDescription, String description, String... aliasProperties) {
        this.kind = kind;
        this.parameterName = parameterName;
        List<String> names = new ArrayList<>();
        names.add(PROPERTY_PREFIX + parameterName);
        names.addAll(List.of(aliasProperties));
        this.properties = Collections.unmodifiableList(names);
        this.envVar = envVar;
        this.defaultValue = defaultValue;
        this.defaultDescription = defaultDescription;
        this.description = description;
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

    public boolean isFlag() {
        return kind == Kind.FLAG;
    }

    /** True when the value {@code none} switches this setting's feature off. */
    public boolean acceptsNone() {
        return kind == Kind.NONE_DISABLES;
    }

    /** A Markdown table of every setting: | property | env var | default | description |. */
    public static String markdownTable() {
        return SettingsMarkdown.table();
    }
}
