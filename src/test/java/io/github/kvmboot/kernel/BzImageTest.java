package io.github.kvmboot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.TestGuests;

class BzImageTest {

    @TempDir
    Path dir;

    @Test
    void readsTheReleaseOfTheRealDebianKernel() throws Exception {
        Path kernel = TestGuests.kernel();
        String expected = kernel.getFileName().toString().substring("vmlinuz-".length());

        assertEquals(expected, BzImage.readRelease(kernel));
        String version = BzImage.readVersionString(kernel);
        assertTrue(version.startsWith(expected + " ("), version);
        assertTrue(version.contains("#1 SMP"), version);
    }

    @Test
    void readsTheReleaseOfASyntheticHeader() throws Exception {
        String version = "6.9.0-rc3-test (user@host) #1 SMP PREEMPT_DYNAMIC Mon Apr  1 00:00:00 UTC 2024";
        Path image = write("bzImage", SyntheticBzImage.withVersion(version));

        assertEquals("6.9.0-rc3-test", BzImage.readRelease(image));
        assertEquals(version, BzImage.readVersionString(image));
    }

    @Test
    void aVersionStringWithoutSpaceIsAllRelease() throws Exception {
        Path image = write("bzImage", SyntheticBzImage.withVersion("6.1.192"));

        assertEquals("6.1.192", BzImage.readRelease(image));
    }

    @Test
    void readsOnlyTheHeaderAndVersionNotTheWholeFile() throws Exception {
        // 3 GiB, sparse: reading it whole would not fit in a byte array and would take seconds.
        Path image = write("huge", SyntheticBzImage.withVersion("6.6.6 (a@b) #1"));
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(3L << 30);
        }

        assertEquals("6.6.6", BzImage.readRelease(image));
    }

    @Test
    void emptyFile() throws Exception {
        Path image = write("empty", new byte[0]);

        assertMessage(image, "not a bzImage: " + image + " is too short: it is empty (0 bytes)");
    }

    @Test
    void hundredByteFile() throws Exception {
        Path image = write("short", new byte[100]);

        assertMessage(image, image + " is too short: 100 bytes, an x86 boot header needs at least 528 bytes");
    }

    @Test
    void elfFileIsTakenForVmlinux() throws Exception {
        byte[] elf = new byte[4096];
        System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);
        Path image = write("vmlinux", elf);

        String message = assertMessage(image, "not a bzImage: " + image
                + " has no x86 boot sector signature (expected 0xAA55 at offset 0x1FE, found 0x0000)");
        assertTrue(message.contains("(is it vmlinux, the uncompressed ELF? boot arch/x86/boot/bzImage instead)"),
                message);
    }

    @Test
    void gzipFileIsNamed() throws Exception {
        byte[] gzip = new byte[1024];
        gzip[0] = 0x1F;
        gzip[1] = (byte) 0x8B;
        Path image = write("initrd.img", gzip);

        assertMessage(image, "no x86 boot sector signature", "it is gzip-compressed data (an initramfs?)");
    }

    @Test
    void bootSignatureWithoutSetupHeader() throws Exception {
        ByteBuffer image = SyntheticBzImage.header(0x300, 2048);
        image.put(0x202, "MBR!".getBytes(StandardCharsets.US_ASCII));
        Path file = write("disk.img", image.array());

        assertMessage(file, "not a bzImage: " + file
                + " has a boot sector but no Linux setup header (expected \"HdrS\" at offset 0x202, found \"MBR!\")");
    }

    @Test
    void versionPointerPastTheEndOfTheFile() throws Exception {
        Path file = write("truncated", SyntheticBzImage.header(0x4000, 1024).array());

        assertMessage(file, file + ": the kernel_version pointer 0x4000 at offset 0x20E points to file offset 0x4200,"
                + " past the end of the file (1024 bytes)");
    }

    @Test
    void zeroVersionPointer() throws Exception {
        Path file = write("noversion", SyntheticBzImage.header(0, 2048).array());

        assertMessage(file, file + ": its setup header has no version string (kernel_version pointer at offset 0x20E is 0)");
    }

    @Test
    void emptyVersionString() throws Exception {
        Path file = write("bzImage", SyntheticBzImage.withVersion(""));

        assertMessage(file, file + ": the version string at file offset 0x500 is empty");
    }

    @Test
    void nonPrintableVersionString() throws Exception {
        Path file = write("bzImage", SyntheticBzImage.withVersion(new byte[] {'6', '.', 1, (byte) 0xFF}));

        assertMessage(file, file + ": the version string at file offset 0x500 contains non-printable bytes: \"6.\\x01\\xff\"");
    }

    @Test
    void versionStringWithoutTerminatingNul() throws Exception {
        ByteBuffer image = SyntheticBzImage.header(0x300, 0x500 + 1000);
        Path file = write("bzImage", image.array());

        assertMessage(file, "the version string at file offset 0x500 is not NUL-terminated within 512 bytes");
    }

    @Test
    void versionStringStartingWithSpaceHasNoRelease() throws Exception {
        Path file = write("bzImage", SyntheticBzImage.withVersion(" (user@host) #1"));

        assertMessage(file, file + ": its version string starts with a space");
    }

    @Test
    void directory() {
        assertMessage(dir, "cannot read kernel image " + dir + ": it is a directory");
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("vmlinuz-nope");

        assertMessage(missing, "cannot read kernel image " + missing + ": it does not exist");
    }

    @Test
    void danglingSymlink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("vmlinuz"), Path.of("vmlinuz-gone"));

        assertMessage(link, link + ": it is a dangling symbolic link to vmlinuz-gone");
    }

    @Test
    void unreadableFile() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can read any file");
        Path file = write("bzImage", SyntheticBzImage.withVersion("6.1.0 (a@b)"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));

        assertMessage(file, file + ": it is not readable (permission denied)");
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static String assertMessage(Path file, String... expectedParts) {
        KernelDiscoveryException e = assertThrows(KernelDiscoveryException.class, () -> BzImage.readRelease(file));
        for (String part : expectedParts) {
            assertTrue(e.getMessage().contains(part),
                    () -> "message lacks <" + part + ">: " + e.getMessage() + " / " + Arrays.toString(expectedParts));
        }
        return e.getMessage();
    }
}
