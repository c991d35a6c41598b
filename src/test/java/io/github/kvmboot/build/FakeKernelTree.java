package io.github.kvmboot.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files that make a directory look like a Linux source tree (for validation tests only). */
final class FakeKernelTree {
    private FakeKernelTree() {
    }

    static Path create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Makefile"), "# SPDX-License-Identifier: GPL-2.0\nVERSION = 6\nPATCHLEVEL = 1\n");
        Files.writeString(dir.resolve("Kconfig"), "mainmenu \"Linux\"\n");
        return dir;
    }
}
