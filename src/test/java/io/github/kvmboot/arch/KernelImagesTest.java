package io.github.kvmboot.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.TestGuests;

/** Architecture detection from the headers of real kernels (Debian's x86 and arm64 cloud kernels, a self-built riscv64 Image) and from broken files. */
class KernelImagesTest {

    @TempDir
    Path dir;

    @Test
    void aBzImageIsX86() throws Exception {
        assertEquals(Optional.of(Architecture.X86_64), KernelImages.architecture(TestGuests.kernel()));
    }

    @Test
    void debiansArm64VmlinuzIsAnArm64ImageWithItsReleaseInTheBanner() throws Exception {
        Path image = TestGuests.arm64Kernel();
        assertEquals(Optional.of(Architecture.ARM64), KernelImages.architecture(image));
        String release = image.getFileName().toString().substring("vmlinuz-".length());
        assertEquals(Optional.of(release), KernelImages.imageRelease(image));
    }

    @Test
    void aGzippedArm64ImageIsReadThroughGzip() throws Exception {
        Path image = TestGuests.arm64Kernel();
        Path gz = dir.resolve("Image.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(image, out);
        }
        assertEquals(Optional.of(Architecture.ARM64), KernelImages.architecture(gz));
        assertEquals(KernelImages.imageRelease(image), KernelImages.imageRelease(gz));
    }

    @Test
    void aSelfBuiltRiscvImageIsRiscv64() throws Exception {
        Path image = TestGuests.riscv64Kernel();
        assertEquals(Optional.of(Architecture.RISCV64), KernelImages.architecture(image));
        assertEquals(true, KernelImages.imageRelease(image).orElseThrow().startsWith("6.1"));
    }

    @Test
    void emptyRandomAndTruncatedFilesAreNoKernel() throws Exception {
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0; // not gzip by chance
        Path random = Files.write(dir.resolve("random"), noise);
        byte[] head = Files.readAllBytes(TestGuests.arm64Kernel());
        Path truncated = Files.write(dir.resolve("truncated"), java.util.Arrays.copyOf(head, 50)); // the magic is at 56
        Path brokenGzip = Files.write(dir.resolve("broken.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
        for (Path p : new Path[] {empty, random, truncated}) {
            assertEquals(Optional.empty(), KernelImages.architecture(p), p.toString());
        }
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> KernelImages.architecture(brokenGzip));
    }

    @Test
    void namesAndAliases() {
        assertEquals(Optional.of(Architecture.ARM64), Architecture.named("aarch64"));
        assertEquals(Optional.of(Architecture.X86_64), Architecture.named("AMD64"));
        assertEquals(Optional.of(Architecture.RISCV64), Architecture.named("riscv"));
        assertEquals(Optional.empty(), Architecture.named("sparc64"));
        assertEquals(Optional.of(Architecture.X86_64), Architecture.host(), "this suite runs on x86_64 hosts");
    }
}
