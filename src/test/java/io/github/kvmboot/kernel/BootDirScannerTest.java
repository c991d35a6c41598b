package io.github.kvmboot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootDirScannerTest {

    @TempDir
    Path boot;

    @Test
    void newestIsByVersionNotByModificationTime() throws Exception {
        debianBoot();

        BootEntry newest = BootDirScanner.newest(boot);

        assertEquals(new BootEntry(boot.resolve("vmlinuz-6.1.0-10-amd64"), "6.1.0-10-amd64",
                Optional.of(boot.resolve("initrd.img-6.1.0-10-amd64"))), newest);
    }

    @Test
    void allIsNewestFirstWithInitramfsWhereInstalled() throws Exception {
        debianBoot();

        assertEquals(List.of(
                new BootEntry(boot.resolve("vmlinuz-6.1.0-10-amd64"), "6.1.0-10-amd64",
                        Optional.of(boot.resolve("initrd.img-6.1.0-10-amd64"))),
                new BootEntry(boot.resolve("vmlinuz-6.1.0-9-amd64"), "6.1.0-9-amd64", Optional.empty()),
                new BootEntry(boot.resolve("vmlinuz-5.10.0-9-amd64"), "5.10.0-9-amd64",
                        Optional.of(boot.resolve("initrd.img-5.10.0-9-amd64")))),
                BootDirScanner.all(boot));
    }

    @Test
    void backupsAreNotNewerKernels() throws Exception {
        kernel("vmlinuz-6.1.0-9-amd64", 1);
        kernel("vmlinuz-6.1.0-9-amd64.old", 2);
        kernel("vmlinuz-6.1.0-9-amd64.bak", 3);

        assertEquals(List.of("6.1.0-9-amd64"), releases());
    }

    @Test
    void fedoraWithRescueKernel() throws Exception {
        kernel("vmlinuz-0-rescue-0123456789abcdef", 3);
        kernel("vmlinuz-6.8.5-301.fc40.x86_64", 1);
        kernel("vmlinuz-6.8.11-300.fc40.x86_64", 2);
        Files.writeString(boot.resolve(".vmlinuz-6.8.11-300.fc40.x86_64.hmac"), "hmac");
        Path initramfs = Files.writeString(boot.resolve("initramfs-6.8.11-300.fc40.x86_64.img"), "cpio");

        assertEquals(List.of("6.8.11-300.fc40.x86_64", "6.8.5-301.fc40.x86_64", "0-rescue-0123456789abcdef"),
                releases());
        assertEquals(Optional.of(initramfs), BootDirScanner.newest(boot).initramfs());
    }

    @Test
    void unversionedNamesComeAfterVersionedOnes() throws Exception {
        kernel("vmlinuz-linux", 1);
        kernel("vmlinuz-linux-lts", 1);
        kernel("vmlinuz-5.4.0", 1);

        assertEquals(List.of("5.4.0", "linux-lts", "linux"), releases());
    }

    @Test
    void bzImageAndKernelPrefixesCount() throws Exception {
        kernel("bzImage-6.6.0", 1);
        kernel("kernel-6.7.0", 1);

        assertEquals(List.of("6.7.0", "6.6.0"), releases());
    }

    @Test
    void vmlinuzIsPreferredWhenOneReleaseHasSeveralImages() throws Exception {
        kernel("bzImage-6.6.0", 1);
        kernel("vmlinuz-6.6.0", 1);

        assertEquals(boot.resolve("vmlinuz-6.6.0"), BootDirScanner.newest(boot).kernel());
        assertEquals(1, BootDirScanner.all(boot).size());
    }

    @Test
    void directoriesAndUnsuffixedNamesAreNotKernels() throws Exception {
        kernel("vmlinuz-5.10.0-9-amd64", 1);
        Files.createDirectory(boot.resolve("kernel-modules"));
        Files.createDirectory(boot.resolve("vmlinuz-9.9.9"));
        kernel("vmlinux-9.9.9", 1);
        kernel("vmlinuz-", 1);

        assertEquals(List.of("5.10.0-9-amd64"), releases());
    }

    @Test
    void emptyDirectoryListsThePatterns() {
        assertMessage("no kernel images in boot directory " + boot + ": looked for regular files named"
                + " vmlinuz-<release>, bzImage-<release>, kernel-<release> (the directory is empty)");
    }

    @Test
    void directoryWithoutKernelsSaysWhatItHas() throws Exception {
        Files.writeString(boot.resolve("config-6.1.0-9-amd64"), "");
        Files.writeString(boot.resolve("initrd.img-6.1.0-9-amd64"), "");
        Files.createSymbolicLink(boot.resolve("vmlinuz"), Path.of("vmlinuz-6.1.0-9-amd64"));

        assertMessage("(found config-6.1.0-9-amd64, initrd.img-6.1.0-9-amd64, vmlinuz)");
    }

    @Test
    void missingDirectory() {
        Path missing = boot.resolve("no-boot");

        KernelDiscoveryException e = assertThrows(KernelDiscoveryException.class, () -> BootDirScanner.newest(missing));
        assertEquals("boot directory " + missing + " does not exist", e.getMessage());
    }

    @Test
    void aFileIsNotABootDirectory() throws Exception {
        Path file = kernel("vmlinuz-6.1.0", 1);

        KernelDiscoveryException e = assertThrows(KernelDiscoveryException.class, () -> BootDirScanner.all(file));
        assertEquals("boot directory " + file + " is not a directory", e.getMessage());
    }

    @Test
    void unreadableDirectory() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can list any directory");
        Files.setPosixFilePermissions(boot, PosixFilePermissions.fromString("-wx------"));
        try {
            assertMessage("boot directory " + boot + " is not readable (permission denied)");
        } finally {
            Files.setPosixFilePermissions(boot, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * A Debian /boot where the oldest release was written last, plus the vmlinuz and vmlinuz.old
     * symlinks Debian keeps.
     */
    private void debianBoot() throws Exception {
        kernel("vmlinuz-5.10.0-9-amd64", 3);
        kernel("vmlinuz-6.1.0-9-amd64", 2);
        kernel("vmlinuz-6.1.0-10-amd64", 1);
        Files.writeString(boot.resolve("initrd.img-5.10.0-9-amd64"), "cpio");
        Files.writeString(boot.resolve("initrd.img-6.1.0-10-amd64"), "cpio");
        Files.createSymbolicLink(boot.resolve("vmlinuz"), Path.of("vmlinuz-6.1.0-10-amd64"));
        Files.createSymbolicLink(boot.resolve("vmlinuz.old"), Path.of("vmlinuz-6.1.0-9-amd64"));
    }

    /** A kernel file modified {@code recency} days into 2024: higher is more recently written. */
    private Path kernel(String name, int recency) throws Exception {
        Path file = Files.write(boot.resolve(name), SyntheticBzImage.withVersion("0.0.0 (a@b)"));
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(recency * 86400L)));
        return file;
    }

    private List<String> releases() throws Exception {
        return BootDirScanner.all(boot).stream().map(BootEntry::release).collect(Collectors.toList());
    }

    private void assertMessage(String expectedPart) {
        KernelDiscoveryException e = assertThrows(KernelDiscoveryException.class, () -> BootDirScanner.newest(boot));
        if (!e.getMessage().contains(expectedPart)) {
            throw new AssertionError("message lacks <" + expectedPart + ">: " + e.getMessage());
        }
    }
}
