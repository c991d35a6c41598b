package io.github.kvmboot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KvmTestBootTest {

    @Test
    void failureTextDropsWarningsWhenThereIsAnError() {
        assertEquals("qemu: could not open kernel file '/k': No such file or directory",
                KvmTestBoot.withoutWarnings("qemu-system-x86_64: warning: host doesn't support requested feature\n"
                        + "qemu: could not open kernel file '/k': No such file or directory"));
    }

    @Test
    void failureTextKeepsWarningsWhenThatIsAllThereIs() {
        String onlyWarning = "qemu-system-x86_64: warning: something odd";
        assertEquals(onlyWarning, KvmTestBoot.withoutWarnings(onlyWarning));
    }
}
