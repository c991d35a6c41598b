package io.github.kvmboot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.TestGuests;

/**
 * The vmlinux behind a bzImage for QEMU's PVH entry, from real kernels: Debian's cloud kernel
 * (lz4 payload, CONFIG_PVH) is extracted once with the host's lz4; the self-built test kernel
 * (xz payload, no CONFIG_PVH) has none; a build tree's own vmlinux is used while it is not newer
 * than its bzImage.
 */
class PvhKernelTest {

    @TempDir
    Path dir;

    @Test
    void debiansCloudKernelIsExtractedOnceAndHasThePvhEntry() throws Exception {
        Path kernel = TestGuests.kernel();
        assertTrue(PvhKernel.payload(kernel).isPresent());
        Optional<Path> vmlinux = PvhKernel.find(kernel, dir.resolve("cache"));
        assertTrue(vmlinux.isPresent(), "lz4 payload with a PVH note");
        assertTrue(vmlinux.get().startsWith(dir.resolve("cache/pvh")), vmlinux.get().toString());
        assertTrue(PvhKernel.hasPvhEntry(vmlinux.get()));
        assertTrue(Files.size(vmlinux.get()) > 2 * Files.size(kernel), "uncompressed");
        FileTime made = Files.getLastModifiedTime(vmlinux.get());
        assertEquals(vmlinux, PvhKernel.find(kernel, dir.resolve("cache")));
        assertEquals(made, Files.getLastModifiedTime(vmlinux.get()), "the cached one, not extracted again");
        try (var left = Files.list(dir.resolve("cache/pvh"))) {
            assertEquals(1, left.count(), "no partial files left");
        }
    }

    @Test
    void aKernelWithoutPvhOrAFastPayloadBootsAsItIs() throws Exception {
        Path built = TestGuests.builtKernel();
        assertEquals(Optional.empty(), PvhKernel.find(built, dir.resolve("cache")));
        try (var left = Files.list(dir.resolve("cache/pvh"))) {
            assertTrue(left.allMatch(f -> f.getFileName().toString().endsWith(".none")), "remembered, nothing else kept");
        }
        Path notAKernel = Files.writeString(dir.resolve("bzImage"), "not a kernel");
        assertEquals(Optional.empty(), PvhKernel.find(notAKernel, dir.resolve("cache")));
    }

    @Test
    void aBuildTreesVmlinuxIsUsedWhileItIsNotNewerThanItsBzImage() throws Exception {
        Path extracted = PvhKernel.find(TestGuests.kernel(), dir.resolve("cache")).orElseThrow();
        Path tree = dir.resolve("linux");
        Path bzImage = Files.createDirectories(tree.resolve("arch/x86/boot")).resolve("bzImage");
        Files.copy(TestGuests.kernel(), bzImage);
        Path vmlinux = Files.copy(extracted, tree.resolve("vmlinux"), StandardCopyOption.REPLACE_EXISTING);
        FileTime t = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        Files.setLastModifiedTime(vmlinux, t);
        Files.setLastModifiedTime(bzImage, FileTime.fromMillis(t.toMillis() + 1000));
        assertEquals(Optional.of(vmlinux), PvhKernel.find(bzImage, dir.resolve("cache2")));
        assertFalse(Files.exists(dir.resolve("cache2/pvh")), "nothing extracted");

        Files.setLastModifiedTime(vmlinux, FileTime.fromMillis(t.toMillis() + 5000)); // relinked, bzImage not rebuilt
        Optional<Path> fromImage = PvhKernel.find(bzImage, dir.resolve("cache2"));
        assertTrue(fromImage.isPresent() && fromImage.get().startsWith(dir.resolve("cache2/pvh")), fromImage.toString());
    }

    @Test
    void aTruncatedVmlinuxHasNoEntry() throws Exception {
        Path extracted = PvhKernel.find(TestGuests.kernel(), dir.resolve("cache")).orElseThrow();
        Path cut = dir.resolve("cut");
        try (var in = Files.newInputStream(extracted); var out = Files.newOutputStream(cut)) {
            out.write(in.readNBytes(4 << 20));
        }
        assertFalse(PvhKernel.hasPvhEntry(cut));
    }
}
