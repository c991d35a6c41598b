package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.install.DiskImages;
import io.github.kvmboot.install.LockHolders;
import io.github.kvmboot.install.QemuImg;
import io.github.kvmboot.log.BuildLog;

/**
 * kvmboot.target and kvmboot.nextTarget as IDE disks 0 and 1 (images to create are planned here,
 * created by {@link #create} after every check), or the user's own arguments for them
 * (useTarget, useNextTarget).
 */
final class DiskPlanner {

    /** The disks of a boot: images the plugin attaches, and arguments the user typed for theirs. */
    record Disks(List<DiskImages.Disk> images, List<String> userArgs) {
        List<Path> paths() {
            return images.stream().map(DiskImages.Disk::path).toList();
        }

        boolean any() {
            return !images.isEmpty() || !userArgs.isEmpty();
        }
    }

    private final HostEnvironment host;
    private final DiskImages diskImages;

    DiskPlanner(BuildLog log, HostEnvironment host) {
        this.host = host;
        this.diskImages = new DiskImages(host.findExecutable("qemu-img").map(QemuImg::new), new LockHolders(), log,
                host::resolve);
    }

    Disks forBoot(ResolvedSettings s) throws SettingException, InterruptedException {
        List<DiskImages.Disk> images = new ArrayList<>();
        List<String> userArgs = new ArrayList<>();
        if (s.optional(USE_TARGET).isPresent()) {
            userArgs.addAll(UserArguments.split(s, USE_TARGET));
        } else if (s.optional(TARGET).isPresent()) {
            images.add(target(s));
        }
        if (!s.isNone(NEXT_TARGET)) {
            if (s.optional(USE_NEXT_TARGET).isPresent()) {
                userArgs.addAll(UserArguments.split(s, USE_NEXT_TARGET));
            } else if (s.optional(NEXT_TARGET).isPresent()) {
                images.add(nextTarget(s));
            }
        }
        return new Disks(List.copyOf(images), List.copyOf(userArgs));
    }

    /** install-guest: the target (required) and the development disk, neither the installer ISO itself. */
    Disks forInstall(ResolvedSettings s, Path iso) throws SettingException, InterruptedException {
        s.required(TARGET, "install-guest needs a target image to install onto",
                "set kvmboot.target, e.g. -Dkvmboot.target=/opt/qemu/guest.qcow2 -Dkvmboot.createTarget=6G");
        List<DiskImages.Disk> images = new ArrayList<>(List.of(target(s)));
        if (!s.isNone(NEXT_TARGET) && s.optional(NEXT_TARGET).isPresent()) {
            images.add(nextTarget(s));
        }
        for (DiskImages.Disk disk : images) {
            if (sameFile(disk.path(), iso)) {
                throw s.invalid(disk.setting(), "is the installer ISO itself (" + iso + ")",
                        "point " + disk.setting().canonicalProperty() + " at the disk image to install onto");
            }
        }
        return new Disks(List.copyOf(images), List.of());
    }

    /** Creates the images planned to be created; call after every other check. */
    void create(Disks disks) throws KvmbootException, InterruptedException {
        for (DiskImages.Disk disk : disks.images()) {
            diskImages.create(disk);
        }
    }

    private DiskImages.Disk target(ResolvedSettings s) throws SettingException, InterruptedException {
        return diskImages.plan(s, TARGET, host.resolve(s.optional(TARGET).get()), CREATE_TARGET, Optional.of(BACKING_IMAGE));
    }

    private DiskImages.Disk nextTarget(ResolvedSettings s) throws SettingException, InterruptedException {
        return diskImages.plan(s, NEXT_TARGET, host.resolve(s.optional(NEXT_TARGET).get()), CREATE_NEXT_TARGET,
                Optional.empty());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) ? Files.isSameFile(a, b) : a.normalize().equals(b.normalize());
        } catch (java.io.IOException e) {
            return a.normalize().equals(b.normalize());
        }
    }
}
