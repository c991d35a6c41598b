package io.github.kvmboot.install;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.log.SlowStep;

/**
 * The disk images a run uses, checked before QEMU starts: an existing image must be readable,
 * qcow2 or raw, and not locked by another process (the message names that process); a missing
 * one is created only on request ({@code kvmboot.createTarget}/{@code createNextTarget}), and
 * never over an existing file.
 */
public final class DiskImages {

    /** A disk image named by a setting; {@code creation} present when it is to be created. */
    public record Disk(Setting setting, Path path, Optional<Creation> creation) { }

    /** A qcow2 image to create: its size, and the base image of an overlay. */
    public record Creation(long sizeBytes, Optional<Path> backing, Optional<String> backingFormat) { }

    private final Optional<QemuImg> qemuImg;
    private final LockHolders lockHolders;
    private final BuildLog log;
    private final Function<String, Path> resolver;

    /** @param resolver turns a path setting into a path (relative ones against the project base directory) */
    public DiskImages(Optional<QemuImg> qemuImg, LockHolders lockHolders, BuildLog log, Function<String, Path> resolver) {
        this.qemuImg = qemuImg;
        this.resolver = resolver;
        this.lockHolders = lockHolders;
        this.log = log;
    }

    /**
     * Checks the image {@code path} named by {@code image}, or plans its creation when
     * {@code create} is set. Creates nothing: see {@link #create(Disk)}.
     *
     * @param backing the base-image setting for overlays, or empty where overlays are not offered
     */
    public Disk plan(ResolvedSettings s, Setting image, Path path, Setting create, Optional<Setting> backing)
            throws SettingException, InterruptedException {
        Optional<String> size = s.optional(create);
        if (size.isEmpty()) {
            if (backing.isPresent() && s.optional(backing.get()).isPresent()) {
                throw s.invalid(backing.get(), "only applies when a new target is created",
                        "add -D" + create.canonicalProperty() + "=SIZE with a new " + image.canonicalProperty()
                                + " path, or drop " + backing.get().canonicalProperty());
            }
            checkExisting(s, image, path);
            return new Disk(image, path, Optional.empty());
        }
        long bytes;
        try {
            bytes = ImageSize.parse(size.get());
        } catch (IllegalArgumentException e) {
            throw s.invalid(create, e.getMessage(), "give a size with suffix M, G or T, e.g. 6G or 512M");
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw s.invalid(create, "would replace the existing file " + path + " (" + describe(path)
                    + "), and kvmboot never overwrites an image",
                    "drop " + create.canonicalProperty() + " to use the existing image, or point "
                            + image.canonicalProperty() + " at a new path (or remove " + path + " yourself)");
        }
        Path parent = path.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw s.invalid(image, "cannot create an image there: " + parent + " is not a writable directory",
                    "create the directory first, or choose another path");
        }
        QemuImg tool = qemuImg.orElseThrow(() -> s.invalid(create, "needs qemu-img, which is not on PATH",
                "install qemu-img (Debian/Ubuntu: qemu-utils; Fedora: qemu-img)"));
        Optional<Path> base = Optional.empty();
        Optional<String> baseFormat = Optional.empty();
        if (backing.isPresent() && s.optional(backing.get()).isPresent()) {
            Setting b = backing.get();
            Path basePath = resolver.apply(s.optional(b).get());
            ImageInfo info = checkExisting(s, b, basePath).orElseThrow();
            if (bytes < info.virtualSize()) {
                throw s.invalid(create, "is smaller than the base image " + basePath + " ("
                        + ImageSize.human(info.virtualSize()) + ")", "give at least " + info.virtualSize() + " bytes");
            }
            base = Optional.of(basePath);
            baseFormat = Optional.of(info.format());
        }
        log.debug("kvmboot: will create " + path + " with " + tool.binary());
        return new Disk(image, path, Optional.of(new Creation(bytes, base, baseFormat)));
    }

    /**
     * Creates the image if planned: under a temporary name in the same directory, then hard-linked
     * into place, which fails instead of replacing a file that appeared meanwhile.
     */
    public void create(Disk disk) throws KvmbootException, InterruptedException {
        if (disk.creation().isEmpty()) {
            return;
        }
        Creation c = disk.creation().get();
        Path path = disk.path().toAbsolutePath();
        Path temp = path.resolveSibling("." + path.getFileName() + "." + UUID.randomUUID() + ".kvmboot-tmp");
        try (SlowStep step = SlowStep.start(log, "creating " + path + " (qemu-img create)")) {
            qemuImg.orElseThrow().create(temp, c.sizeBytes(), c.backing(), c.backingFormat());
            try {
                Files.createLink(path, temp);
            } catch (FileAlreadyExistsException e) {
                throw new KvmbootException(path + " appeared while kvmboot was creating it; it was left as it is."
                        + " Run again to use it (without " + disk.setting().canonicalProperty() + "-creation)");
            } catch (UnsupportedOperationException | IOException e) {
                // no hard links on this filesystem: a plain rename, which Files.move refuses over an existing file
                Files.move(temp, path);
            }
        } catch (FileAlreadyExistsException e) {
            throw new KvmbootException(path + " appeared while kvmboot was creating it; it was left as it is");
        } catch (IOException e) {
            throw new KvmbootException("cannot create " + path + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                log.warn("kvmboot: could not remove the temporary file " + temp + ": " + e.getMessage());
            }
        }
        log.info("kvmboot: created " + path + " (qcow2, " + ImageSize.human(c.sizeBytes())
                + c.backing().map(b -> ", overlay on " + b).orElse("") + ")");
    }

    /**
     * Checks an existing image and returns what qemu-img says about it (empty for block devices,
     * or without qemu-img, where only existence and readability are checked).
     */
    public Optional<ImageInfo> checkExisting(ResolvedSettings s, Setting setting, Path image)
            throws SettingException, InterruptedException {
        if (!Files.exists(image)) {
            throw s.invalid(setting, "no disk image at " + image, setting == Setting.BACKING_IMAGE ? "fix the path"
                    : "create one with -D" + createSettingFor(setting) + "=20G (or 'qemu-img create -f qcow2 "
                            + image + " 20G'), or fix the path");
        }
        if (Files.isDirectory(image)) {
            throw s.invalid(setting, image + " is a directory, not a disk image", "point it at an image file");
        }
        if (!Files.isReadable(image)) {
            throw s.invalid(setting, "disk image " + image + " is not readable by this user",
                    "fix its permissions (e.g. add yourself to its group)");
        }
        if (!Files.isRegularFile(image) || qemuImg.isEmpty()) {
            if (qemuImg.isEmpty()) {
                log.debug("kvmboot: qemu-img is not on PATH; " + image + " is not checked for format and locks");
            }
            return Optional.empty();
        }
        ImageInfo info;
        try {
            info = qemuImg.get().info(image);
            if ("raw".equals(info.format())) {
                qemuImg.get().checkRawNotInUse(image);
            }
        } catch (ImageLockedException e) {
            List<String> holders = lockHolders.describe(image);
            String who = holders.isEmpty() ? "another process (not one this user can see)" : String.join("; ", holders);
            throw s.invalid(setting, image + " is in use: " + who + " holds its write lock (qemu-img: "
                    + e.getMessage().lines().findFirst().orElse("") + ")",
                    holders.isEmpty() ? "stop the process using it, or use a copy of the image"
                            : "stop that process first (it may be a guest still running: power it off or kill it),"
                                    + " or use a copy of the image");
        } catch (KvmbootException e) {
            throw s.invalid(setting, e.getMessage(), "point it at a qcow2 or raw disk image");
        }
        if (!info.isQcow2OrRaw()) {
            throw s.invalid(setting, image + " is a " + info.format() + " image; kvmboot boots qcow2 and raw images",
                    "convert it: qemu-img convert -O qcow2 " + image + " " + image + ".qcow2");
        }
        return Optional.of(info);
    }

    /** After a run: qemu-img check of a qcow2 image; a warning when it is not consistent. */
    public Optional<QemuImg.Check> checkAfterRun(Path image) throws InterruptedException {
        if (qemuImg.isEmpty() || !Files.isRegularFile(image)) {
            return Optional.empty();
        }
        try (SlowStep step = SlowStep.start(log, "checking " + image + " (qemu-img check)")) {
            QemuImg.Check check = qemuImg.get().check(image);
            if (!check.consistent()) {
                log.warn("kvmboot: qemu-img check " + image + " reports problems (exit " + check.exitCode() + "): "
                        + check.output() + " -- repair with 'qemu-img check -r all " + image + "' after a backup");
            } else {
                log.debug("kvmboot: qemu-img check " + image + ": " + check.output());
            }
            return Optional.of(check);
        } catch (KvmbootException e) {
            log.warn("kvmboot: could not check " + image + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private String describe(Path path) {
        if (qemuImg.isPresent() && Files.isRegularFile(path)) {
            try {
                ImageInfo info = qemuImg.get().info(path);
                return info.format() + ", " + ImageSize.human(info.virtualSize());
            } catch (KvmbootException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            return Files.isRegularFile(path) ? ImageSize.human(Files.size(path)) + " on disk" : "not a regular file";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String createSettingFor(Setting setting) {
        return setting == Setting.NEXT_TARGET ? Setting.CREATE_NEXT_TARGET.canonicalProperty()
                : Setting.CREATE_TARGET.canonicalProperty();
    }
}
