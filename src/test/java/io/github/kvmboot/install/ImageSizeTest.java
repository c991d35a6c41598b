package io.github.kvmboot.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageSizeTest {

    @Test
    void sizesWithAndWithoutSuffix() {
        assertEquals(6L << 30, ImageSize.parse("6G"));
        assertEquals(6L << 30, ImageSize.parse("6g"));
        assertEquals(512L << 20, ImageSize.parse("512M"));
        assertEquals(2L << 40, ImageSize.parse("2T"));
        assertEquals(4096L << 10, ImageSize.parse("4096K"));
        assertEquals(1L << 20, ImageSize.parse("1048576"));
    }

    @Test
    void rejectsWhatIsNoSize() {
        for (String bad : new String[] {"abc", "", "6 G", "6GB", "-1G", "1.5G", "0", "100", "99999999999999T"}) {
            assertThrows(IllegalArgumentException.class, () -> ImageSize.parse(bad), bad);
        }
    }

    @Test
    void humanSizes() {
        assertEquals("6.0 GiB", ImageSize.human(6L << 30));
        assertEquals("1.5 MiB", ImageSize.human(3L << 19));
        assertEquals("17 B", ImageSize.human(17));
    }
}
