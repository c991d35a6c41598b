package io.github.kvmboot.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.kvmboot.testing.InstallMedia;

/** ISO 9660 recognition on a real xorriso-made ISO, and on files that are not ISOs. */
class IsoImageTest {

    @TempDir
    Path dir;

    @Test
    void aRealIsoIsRecognised() throws Exception {
        assertTrue(IsoImage.isIso9660(InstallMedia.installerIso("KVMBOOT-ISO-TEST")));
    }

    @Test
    void otherFilesAreNot() throws Exception {
        Path zeros = Files.write(dir.resolve("zeros.iso"), new byte[40_000]);
        Path shortFile = Files.writeString(dir.resolve("short.iso"), "CD001");
        Path nearMiss = dir.resolve("near.iso");
        byte[] bytes = new byte[40_000];
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, bytes, 32768, 5); // one byte early
        Files.write(nearMiss, bytes);
        assertFalse(IsoImage.isIso9660(zeros));
        assertFalse(IsoImage.isIso9660(shortFile));
        assertFalse(IsoImage.isIso9660(nearMiss));
        assertFalse(IsoImage.isIso9660(dir.resolve("missing.iso")));
        assertFalse(IsoImage.isIso9660(InstallMedia.bootDisk("KVMBOOT-NOT-ISO")));
    }

    @Test
    void catalogListsIsosWithSizesSorted() throws Exception {
        Files.createDirectories(dir.resolve("debian/12"));
        Files.write(dir.resolve("debian/12/netinst.iso"), new byte[3 << 20]);
        Files.write(dir.resolve("Alpine.ISO"), new byte[1500]);
        Files.writeString(dir.resolve("notes.txt"), "not an iso");
        List<IsoCatalog.Entry> isos = IsoCatalog.list(dir);
        assertEquals(List.of(dir.resolve("Alpine.ISO"), dir.resolve("debian/12/netinst.iso")),
                isos.stream().map(IsoCatalog.Entry::path).toList());
        assertEquals(List.of("   1.5 KiB  Alpine.ISO", "   3.0 MiB  debian/12/netinst.iso"), IsoCatalog.lines(dir, isos));
    }
}
