package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.Source;
import io.github.kvmboot.install.IsoCatalog;
import io.github.kvmboot.install.IsoImage;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.QemuCommandBuilder;
import io.github.kvmboot.supervisor.GuestListener;

/**
 * {@code kvmboot:install-guest}: the installer ISO as CD-ROM, the target as first disk and the
 * development disk as second, booting from the CD-ROM, on the same {@link Machine} and
 * {@link MachinePlanner#finish} as every boot. Images to create are created last, after every check.
 */
final class InstallPlanner {

    private final BuildLog log;
    private final HostEnvironment host;
    private final MachinePlanner machines;
    private final KernelPlanner kernels;
    private final DiskPlanner disks;

    InstallPlanner(BuildLog log, HostEnvironment host, MachinePlanner machines, KernelPlanner kernels, DiskPlanner disks) {
        this.log = log;
        this.host = host;
        this.machines = machines;
        this.kernels = kernels;
        this.disks = disks;
    }

    InstallPlan plan(ResolvedSettings s, GuestListener listener) throws KvmbootException, InterruptedException {
        RunSettings run = RunSettings.of(s, host);
        for (Setting ignored : List.of(COMMAND, USE_TARGET, USE_NEXT_TARGET, KERNEL, DISK_BOOT)) {
            if (s.get(ignored).source() != Source.DEFAULT && s.optional(ignored).isPresent()) {
                log.warn("kvmboot: " + ignored.canonicalProperty() + " (" + s.get(ignored).origin()
                        + ") is ignored by install-guest, which boots the ISO with kvmboot.target as first disk");
            }
        }
        Path iso = installerIso(s);
        Path qemu = machines.qemuBinary(s);
        DiskPlanner.Disks planned = disks.forInstall(s, iso);
        List<Path> paths = planned.paths();
        Machine machine = machines.machine(s, qemu, run, installerGraphics(s), kernels.hostProbeKernel(), paths);
        disks.create(planned);
        List<String> summary = new ArrayList<>();
        summary.add("kvmboot: installing from " + iso + " onto " + paths.get(0)
                + (paths.size() > 1 ? " (development disk " + paths.get(1) + ")" : "")
                + (machine.graphics() ? ", with a graphical display" : ", headless (installer on the serial console)"));
        if (machine.snapshot()) {
            log.warn("kvmboot: kvmboot.snapshot is set: everything the installer writes is discarded when QEMU exits");
        }
        QemuCommandBuilder builder = machine.deviceSet().installBoot(machine.spec(), paths, iso);
        return new InstallPlan(machines.finish(s, builder, machine, summary, Optional.empty(), listener), paths);
    }

    /** The ISO: kvmboot.iso as a path, or as a name under kvmboot.isoPath; it must be an ISO 9660 image. */
    private Path installerIso(ResolvedSettings s) throws SettingException {
        Path isoPath = host.resolve(s.required(ISO_PATH, "set kvmboot.isoPath to the directory holding installer ISOs"));
        String value = s.required(ISO, "install-guest needs an installer ISO",
                "set kvmboot.iso (or KVM_BOOT_ISO) to the ISO file" + isosUnder(isoPath));
        Path iso = host.resolve(value);
        if (!Files.exists(iso) && !Paths.get(value).isAbsolute() && Files.exists(isoPath.resolve(value))) {
            iso = isoPath.resolve(value).normalize();
        }
        if (!Files.isRegularFile(iso)) {
            throw s.invalid(ISO, Files.isDirectory(iso) ? iso + " is a directory" : "no file at " + iso
                    + (Paths.get(value).isAbsolute() ? "" : " (nor under kvmboot.isoPath " + isoPath + ")"),
                    "point kvmboot.iso at the installer ISO" + isosUnder(isoPath));
        }
        if (!Files.isReadable(iso)) {
            throw s.invalid(ISO, iso + " is not readable by this user", "fix its permissions");
        }
        if (!IsoImage.isIso9660(iso)) {
            throw s.invalid(ISO, iso + " is not an ISO 9660 image (no CD001 volume descriptor)",
                    "point kvmboot.iso at a CD/DVD installer image (.iso)");
        }
        return iso;
    }

    private static String isosUnder(Path isoPath) {
        try {
            List<IsoCatalog.Entry> isos = IsoCatalog.list(isoPath);
            if (isos.isEmpty()) {
                return "";
            }
            return "; ISOs under " + isoPath + ": " + String.join(", ", isos.stream()
                    .limit(10).map(e -> isoPath.relativize(e.path()).toString()).toList())
                    + (isos.size() > 10 ? ", ... (-Dkvmboot.listIsos lists all)" : "");
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Installers are interactive: unless kvmboot.graphics is set explicitly, they get a display
     * when one is present ($DISPLAY or $WAYLAND_DISPLAY), and run headless otherwise.
     */
    private boolean installerGraphics(ResolvedSettings s) throws SettingException {
        if (s.get(GRAPHICS).source() != Source.DEFAULT) {
            return s.flag(GRAPHICS);
        }
        return hasDisplay(host.environment());
    }

    static boolean hasDisplay(Map<String, String> environment) {
        return List.of("DISPLAY", "WAYLAND_DISPLAY").stream()
                .map(environment::get)
                .anyMatch(v -> v != null && !v.isBlank());
    }
}
