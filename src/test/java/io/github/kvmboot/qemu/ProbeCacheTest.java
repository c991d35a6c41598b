package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeCacheTest {

    @TempDir
    Path temp;

    @Test
    void keepsOneVerdictPerKeyAndLeavesOnlyTheCacheFile() throws Exception {
        Path file = temp.resolve("sub/dir/kvm-probe.properties");
        ProbeCache cache = new ProbeCache(file);
        cache.write("host=a;qemu=/x", new KvmProbe.ProbeResult(false, "hangs\nafter EDD = yes", false));
        cache.write("host=a;qemu=/y", new KvmProbe.ProbeResult(true, "started", false));

        assertEquals(Optional.of(new KvmProbe.ProbeResult(false, "hangs\nafter EDD = yes", true)),
                cache.read("host=a;qemu=/x"));
        assertEquals(Optional.of(new KvmProbe.ProbeResult(true, "started", true)),
                new ProbeCache(file).read("host=a;qemu=/y"));
        assertEquals(Optional.empty(), cache.read("host=b;qemu=/x"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void missingFileMeansNoVerdict() throws Exception {
        assertEquals(Optional.empty(), new ProbeCache(temp.resolve("absent.properties")).read("k"));
    }
}
