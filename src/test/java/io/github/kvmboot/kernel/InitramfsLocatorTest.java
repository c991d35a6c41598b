package io.github.kvmboot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InitramfsLocatorTest {

    @TempDir
    Path boot;

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource({
        "Debian, 6.1.0-9-amd64, initrd.img-6.1.0-9-amd64",
        "Fedora, 6.8.5-301.fc40.x86_64, initramfs-6.8.5-301.fc40.x86_64.img",
        "Arch, linux, initramfs-linux.img",
        "openSUSE, 6.4.0-150600.23.7-default, initrd-6.4.0-150600.23.7-default",
        "Gentoo, 6.6.30-gentoo-dist, initramfs-6.6.30-gentoo-dist",
    })
    void findsEachDistributionsNaming(String distribution, String release, String fileName) throws Exception {
        Path initramfs = Files.writeString(boot.resolve(fileName), "cpio");
        Files.writeString(boot.resolve("initrd.img-other"), "cpio");

        assertEquals(initramfs, InitramfsLocator.find(boot, release));
    }

    @Test
    void candidatesInOrder() {
        assertEquals(List.of(boot.resolve("initrd.img-6.1.0"), boot.resolve("initramfs-6.1.0.img"),
                boot.resolve("initrd-6.1.0"), boot.resolve("initramfs-6.1.0")),
                InitramfsLocator.candidates(boot, "6.1.0"));
    }

    @Test
    void theFirstCandidateWins() throws Exception {
        Files.writeString(boot.resolve("initramfs-6.1.0.img"), "dracut");
        Path debian = Files.writeString(boot.resolve("initrd.img-6.1.0"), "initramfs-tools");

        assertEquals(debian, InitramfsLocator.find(boot, "6.1.0"));
    }

    @Test
    void directoriesAndDanglingLinksAreSkipped() throws Exception {
        Files.createDirectory(boot.resolve("initrd.img-6.1.0"));
        Files.createSymbolicLink(boot.resolve("initramfs-6.1.0.img"), Path.of("gone"));
        Path suse = Files.writeString(boot.resolve("initrd-6.1.0"), "cpio");

        assertEquals(suse, InitramfsLocator.find(boot, "6.1.0"));
    }

    @Test
    void errorListsEveryPathTriedAndWhy() throws Exception {
        Files.createDirectory(boot.resolve("initrd.img-6.1.0"));

        KernelDiscoveryException e = assertThrows(KernelDiscoveryException.class,
                () -> InitramfsLocator.find(boot, "6.1.0"));

        assertEquals("no initramfs for kernel release 6.1.0 in " + boot + "; tried: "
                + boot.resolve("initrd.img-6.1.0") + " (is a directory), "
                + boot.resolve("initramfs-6.1.0.img") + " (does not exist), "
                + boot.resolve("initrd-6.1.0") + " (does not exist), "
                + boot.resolve("initramfs-6.1.0") + " (does not exist)", e.getMessage());
    }

    @Test
    void findIfPresentIsEmptyWithoutInitramfs() {
        assertEquals(Optional.empty(), InitramfsLocator.findIfPresent(boot, "6.1.0"));
    }

    @Test
    void aReleaseWithASlashNamesNoFile() throws Exception {
        Files.createDirectories(boot.resolve("initrd.img-x"));
        Files.writeString(boot.resolve("initrd.img-x/y"), "outside the naming");

        assertEquals(List.of(), InitramfsLocator.candidates(boot, "x/y"));
        KernelDiscoveryException e = assertThrows(KernelDiscoveryException.class,
                () -> InitramfsLocator.find(boot, "x/y"));
        assertTrue(e.getMessage().contains("the release cannot be part of a file name"), e.getMessage());
    }
}
