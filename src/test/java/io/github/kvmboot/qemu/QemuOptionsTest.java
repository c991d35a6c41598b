package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QemuOptionsTest {

    @Test
    void doublesEveryComma() {
        assertEquals("/tmp/a,,b/c,,,,d.img", QemuOptions.escape("/tmp/a,b/c,,d.img"));
        assertEquals(",,", QemuOptions.escape(","));
    }

    @Test
    void leavesOtherCharactersAlone() {
        assertEquals("/tmp/x y/'$\"=:.img", QemuOptions.escape("/tmp/x y/'$\"=:.img"));
        assertEquals("", QemuOptions.escape(""));
    }
}
