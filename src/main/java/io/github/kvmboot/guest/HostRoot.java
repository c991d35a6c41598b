package io.github.kvmboot.guest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.kvmboot.statusport.GuestStatusScript;
import io.github.kvmboot.statusport.StatusProtocol;

/**
 * {@code kvmboot.rootfs=host} in the generated init: the host's {@code /} mounted read-only at
 * {@link #NEW_ROOT} (virtiofs or 9p, tag {@link #TAG}), tmpfs overlays on the writable directories,
 * the kernel file systems, the kernel's modules at {@code /lib/modules/<release>}, and the command
 * run by the host's {@code /bin/sh} chrooted there, in the working directory. Init itself stays in
 * the initramfs, holding the status port, so the status protocol is unchanged.
 *
 * @param rwDirs            absolute guest paths made writable (tmpfs upper layers)
 * @param workingDirectory  the command's working directory (a host path, the same in the guest)
 * @param modulesDirectory  the host's directory holding the kernel's modules, shown at
 *                          {@code /lib/modules/<release>} in the guest
 * @param interactive       the command is an interactive shell: it gets the console as controlling terminal
 */
public record HostRoot(Transport transport, List<String> rwDirs, String workingDirectory,
        Optional<String> modulesDirectory, String release, boolean interactive) {

    /** The mount tag (9p) or virtiofs tag of the host's root. */
    public static final String TAG = "kvmbootroot";
    static final String NEW_ROOT = "/newroot";
    static final String WORKDIR_FILE = "etc/kvmboot/workdir";
    private static final String SAFE_PATH = "[A-Za-z0-9._/+@=-]+";

    /** How the host's root reaches the guest, and the file systems the guest kernel needs for it. */
    public enum Transport {
        VIRTIOFS("virtiofs", "mount -t virtiofs -o ro " + TAG + " " + NEW_ROOT),
        NINE_P("9p", "mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=512000,cache=loose " + TAG + " " + NEW_ROOT);

        private final String fileSystem;
        private final String mount;

        Transport(String fileSystem, String mount) {
            this.fileSystem = fileSystem;
            this.mount = mount;
        }

        /** The name in /proc/filesystems and in messages. */
        public String fileSystem() {
            return fileSystem;
        }
    }

    public HostRoot {
        Objects.requireNonNull(transport, "transport");
        rwDirs = List.copyOf(rwDirs);
        for (String dir : rwDirs) {
            requireSafePath(dir);
        }
        requireSafePath(workingDirectory);
        modulesDirectory.ifPresent(HostRoot::requireSafePath);
        if (!release.matches("[A-Za-z0-9._+-]+")) {
            throw new IllegalArgumentException("unexpected kernel release '" + release + "'");
        }
    }

    /** Paths end up in the generated init unquoted by a shell: only plain characters, checked by the planner too. */
    public static boolean isSafePath(String path) {
        return path.startsWith("/") && !path.contains("..") && path.matches(SAFE_PATH);
    }

    private static void requireSafePath(String path) {
        if (!isSafePath(path)) {
            throw new IllegalArgumentException("'" + path + "' must be an absolute path of letters, digits and ._/+@=-");
        }
    }

    /** Mounts the root, the overlays, the kernel file systems and the modules below {@link #NEW_ROOT}. */
    String mounts() {
        StringBuilder s = new StringBuilder();
        s.append("""
                if ! grep -qw %1$s /proc/filesystems; then
                  echo "kvmboot: this kernel has no %1$s file system for kvmboot.rootfs=host"
                  %2$s
                fi
                mkdir -p %3$s /rw
                %4$s || %5$s
                mount -t tmpfs -o mode=0755 kvmboot-rw /rw
                """.formatted(transport.fileSystem(), GuestStatusScript.reportError(StatusProtocol.mountFailed(TAG)),
                NEW_ROOT, transport.mount, GuestStatusScript.reportError(StatusProtocol.mountFailed(TAG))));
        if (!rwDirs.isEmpty()) {
            s.append("""
                    grep -qw overlay /proc/filesystems || echo "kvmboot: this kernel has no overlay file system (CONFIG_OVERLAY_FS): kvmboot.rwDirs stay read-only"
                    """);
        }
        for (String dir : rwDirs) {
            s.append("""
                    if [ -d %1$s%2$s ]; then
                      mkdir -p /rw%2$s/upper /rw%2$s/work
                      mount -t overlay -o lowerdir=%1$s%2$s,upperdir=/rw%2$s/upper,workdir=/rw%2$s/work kvmboot-overlay %1$s%2$s || echo "kvmboot: cannot make %2$s writable"
                    fi
                    """.formatted(NEW_ROOT, dir));
        }
        s.append("""
                mount -t proc proc %1$s/proc
                mount -t sysfs sysfs %1$s/sys
                mount -t devtmpfs devtmpfs %1$s/dev
                mkdir -p %1$s/dev/pts %1$s/dev/shm
                mount -t devpts -o newinstance,ptmxmode=0666 devpts %1$s/dev/pts
                mount -t tmpfs tmpfs %1$s/dev/shm
                hostname kvmboot
                """.formatted(NEW_ROOT));
        // a host without /lib/modules gets one in an overlay on /lib (the read-only root has no mount point)
        modulesDirectory.ifPresent(dir -> s.append("""
                mkdir -p /rw/modules /rw/lib/upper /rw/lib/work
                if mount --bind %1$s%2$s /rw/modules \\
                    && { [ -d %1$s/lib/modules ] || { mount -t overlay -o lowerdir=%1$s/lib,upperdir=/rw/lib/upper,workdir=/rw/lib/work kvmboot-overlay %1$s/lib && mkdir %1$s/lib/modules; }; } \\
                    && mount -t tmpfs -o mode=0755 kvmboot-modules %1$s/lib/modules \\
                    && mkdir -p %1$s/lib/modules/%3$s && mount --move /rw/modules %1$s/lib/modules/%3$s; then :; else
                  echo "kvmboot: cannot show the modules of %2$s at /lib/modules/%3$s"
                fi
                """.formatted(NEW_ROOT, dir, release)));
        return s.toString();
    }

    /**
     * Runs the command file with the host's /bin/sh, chrooted, in the working directory; the
     * console as stdin/stdout/stderr (see {@link InitScript} for why without a controlling
     * terminal, unless interactive).
     */
    String run(String commandFile, String tty) {
        return """
                export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                setsid %1$schroot %2$s /bin/sh -c 'cd -- "$1" || exit 125; exec /bin/sh -c "$2"' kvmboot "$(cat /%3$s)" "$(cat /%4$s)" <%5$s >%5$s 2>&1 %6$d>&-
                """.formatted(interactive ? "-c " : "", NEW_ROOT, WORKDIR_FILE, commandFile, tty, GuestStatusScript.FD);
    }
}
