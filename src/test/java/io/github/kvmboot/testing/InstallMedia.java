package io.github.kvmboot.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.kvmboot.initramfs.InitramfsBuilder;

/**
 * Real installer media for the install-guest tests, built from the test kernel and busybox and
 * cached under {@link TestGuests#cacheDir()}:
 * <ul>
 * <li>an ISO 9660 image booted by isolinux (xorriso, El Torito) whose "installer" is the Debian
 * cloud kernel with a busybox initramfs that loads the ATA disk modules (scsi_common, scsi_mod,
 * libata, ata_piix, sd_mod from {@link TestGuests#modulesDir()}), writes a signature at the start
 * of the first IDE disk (the target) and powers off;</li>
 * <li>a raw disk image with a FAT file system made bootable by syslinux (mtools, no mounting),
 * booting the kernel with an initramfs that prints a marker and powers off.</li>
 * </ul>
 * Needs the Debian packages isolinux, syslinux, syslinux-common, xorriso, mtools, dosfstools.
 */
public final class InstallMedia {

    private static final String[] ATA_MODULES = {
        "scsi/scsi_common", "scsi/scsi_mod", "ata/libata", "ata/ata_piix", "scsi/sd_mod"};
    private static final String BOOT_CONFIG = "SERIAL 0 115200\nDEFAULT linux\nPROMPT 0\nTIMEOUT 0\n"
            + "LABEL linux\n  KERNEL /vmlinuz\n  APPEND initrd=/initrd.gz console=ttyS0,115200 panic=-1\n";

    private InstallMedia() {
    }

    /** An installer ISO that writes {@code signature} to the first disk and powers off. */
    public static Path installerIso(String signature) throws IOException, InterruptedException {
        return iso(installer("printf '%s' '" + signature + "' | dd of=$disk bs=512 conv=fsync,sync\n"
                + "echo KVMBOOT-INSTALL-DONE\npoweroff -f\n"));
    }

    /**
     * An installer ISO that writes {@code signature}, then keeps writing to the first disk until
     * it is stopped (an install interrupted midway).
     */
    public static Path endlessInstallerIso(String signature) throws IOException, InterruptedException {
        return iso(installer("printf '%s' '" + signature + "' | dd of=$disk bs=512 conv=fsync,sync\n"
                + "echo KVMBOOT-INSTALL-WRITING\n"
                + "i=0; while true; do dd if=/dev/urandom of=$disk bs=64k count=16 seek=$((16 + i % 64 * 16))"
                + " conv=fsync 2>/dev/null; i=$((i + 1)); done\n"));
    }

    /** A bootable raw disk image whose system prints {@code marker} and powers off. */
    public static Path bootDisk(String marker) throws IOException, InterruptedException {
        Path initrd = TestGuests.printAndPowerOff(marker);
        Path kernel = TestGuests.kernel();
        Path out = cached("disk", hash(kernel.toString(), Files.readAllBytes(initrd), BOOT_CONFIG), ".img");
        if (Files.exists(out)) {
            return out;
        }
        Path work = Files.createTempDirectory(out.getParent(), "disk");
        try {
            Path img = work.resolve("disk.img");
            Path cfg = work.resolve("syslinux.cfg");
            Files.writeString(cfg, BOOT_CONFIG);
            run("mkfs.fat", "-C", img.toString(), "32768");
            run("syslinux", "--install", img.toString());
            run("mcopy", "-i", img.toString(), kernel.toString(), "::vmlinuz");
            run("mcopy", "-i", img.toString(), initrd.toString(), "::initrd.gz");
            run("mcopy", "-i", img.toString(), cfg.toString(), "::syslinux.cfg");
            Files.move(img, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(work);
        }
        return out;
    }

    /** True when the image (any format qemu-img reads) holds {@code signature} in its first MiB. */
    public static boolean hasSignature(Path image, String signature) throws IOException, InterruptedException {
        Path raw = Files.createTempFile("kvmboot-signature", ".raw");
        try {
            run("qemu-img", "convert", "-U", "-O", "raw", image.toString(), raw.toString());
            byte[] head;
            try (var in = Files.newInputStream(raw)) {
                head = in.readNBytes(1 << 20);
            }
            return new String(head, StandardCharsets.ISO_8859_1).contains(signature);
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** The exit code of {@code qemu-img check} (0 = no errors). */
    public static int qemuImgCheck(Path image) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("qemu-img", "check", image.toString()).inheritIO().start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("qemu-img check did not finish");
        }
        return p.exitValue();
    }

    /** For invoker scripts: {@code iso SIG}, {@code disk MARKER} print the path of the medium. */
    public static void main(String[] args) throws Exception {
        System.out.println(switch (args[0]) {
            case "iso" -> installerIso(args[1]);
            case "disk" -> bootDisk(args[1]);
            default -> throw new IllegalArgumentException("iso SIGNATURE | disk MARKER");
        });
    }

    private static InitramfsBuilder installer(String body) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("#!/bin/sh\nexport PATH=/bin\n/bin/busybox --install -s /bin\n"
                + "mount -t proc proc /proc\nmount -t sysfs sysfs /sys\nmount -t devtmpfs devtmpfs /dev\n");
        InitramfsBuilder builder = InitramfsBuilder.busybox(TestGuests.busybox(), "");
        for (String module : ATA_MODULES) {
            String name = module.substring(module.indexOf('/') + 1);
            builder.file("lib/modules/" + name + ".ko",
                    TestGuests.modulesDir().resolve("kernel/drivers/" + module + ".ko"), 0644);
            script.append("insmod /lib/modules/").append(name).append(".ko\n");
        }
        // the first IDE disk (the target) is SCSI 0:0:0:0; its sdX name depends on probe order
        script.append("t=/sys/class/scsi_disk/0:0:0:0/device/block\n")
                .append("for i in $(seq 1 30); do [ -d $t ] && [ -n \"$(ls $t)\" ] && break; sleep 1; done\n")
                .append("disk=/dev/$(ls $t)\n")
                .append("for i in $(seq 1 30); do [ -b $disk ] && break; sleep 1; done\n")
                .append("echo KVMBOOT-INSTALLER-UP target=$disk\n")
                .append(body);
        return builder.file("init", script.toString(), 0755);
    }

    private static Path iso(InitramfsBuilder installer) throws IOException, InterruptedException {
        Path kernel = TestGuests.kernel();
        Path out = cached("iso", hash(kernel.toString(), installer.contentHash().getBytes(StandardCharsets.UTF_8),
                BOOT_CONFIG), ".iso");
        if (Files.exists(out)) {
            return out;
        }
        Path work = Files.createTempDirectory(out.getParent(), "iso");
        try {
            Path tree = work.resolve("tree");
            Path isolinux = Files.createDirectories(tree.resolve("isolinux"));
            Files.copy(Paths.get("/usr/lib/ISOLINUX/isolinux.bin"), isolinux.resolve("isolinux.bin"));
            Files.copy(Paths.get("/usr/lib/syslinux/modules/bios/ldlinux.c32"), isolinux.resolve("ldlinux.c32"));
            Files.writeString(isolinux.resolve("isolinux.cfg"), BOOT_CONFIG);
            Files.copy(kernel, tree.resolve("vmlinuz"));
            installer.writeGzip(tree.resolve("initrd.gz"));
            Path iso = work.resolve("installer.iso");
            run("xorriso", "-as", "mkisofs", "-quiet", "-o", iso.toString(), "-b", "isolinux/isolinux.bin",
                    "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                    "-V", "KVMBOOT_TEST", tree.toString());
            Files.move(iso, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(work);
        }
        return out;
    }

    private static Path cached(String kind, String hash, String suffix) throws IOException {
        Path dir = Files.createDirectories(TestGuests.cacheDir().resolve("install-media"));
        return dir.resolve(kind + "-" + hash + suffix);
    }

    private static String hash(String kernel, byte[] content, String config) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kernel.getBytes(StandardCharsets.UTF_8));
            sha.update(content);
            sha.update(config.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output
                    + " (needs the packages .ci/run installs: isolinux syslinux xorriso mtools dosfstools qemu-utils)");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }
}
