package io.github.kvmboot.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KernelVersionComparatorTest {

    private final KernelVersionComparator comparator = new KernelVersionComparator();

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "6.1.0-56-cloud-amd64, 6.1.0-100-cloud-amd64",
        "6.1.0-100-cloud-amd64, 6.10.0",
        "6.1.0-56-cloud-amd64, 6.10.0",
        "5.15.0, 6.1.0",
        "5.10.0-9-amd64, 6.1.0-9-amd64",
        "6.1.0-9-amd64, 6.1.0-10-amd64",
        "6.1.0, 6.1.0-1",
        "6.1.9, 6.1.10",
        "6.1.192, 6.2",
        "6.2.0-rc1, 6.2.0",
        "6.2.0-rc1, 6.2.0-rc2",
        "6.2.0-rc9, 6.2.0-rc10",
        "6.1.0, 6.2.0-rc1",
        "6.2.0-rc7-test, 6.2.0-test",
        "6.9.0-rc3, 6.9.0-rc3-00123-gabcdef",
        "5.15.0-91-generic, 5.15.0-100-generic",
        "6.5.0-14-generic, 6.8.0-31-generic",
        "6.1.0-9-amd64, 6.1.0-9-rt-amd64",
        "0-rescue-0123456789abcdef, 6.1.0-9-amd64",
        "6.6.30-lts, 6.6.30-lts.1",
    })
    void ordersOlderBeforeNewer(String older, String newer) {
        assertTrue(comparator.compare(older, newer) < 0, older + " should sort before " + newer);
        assertTrue(comparator.compare(newer, older) > 0, newer + " should sort after " + older);
    }

    @Test
    void equalReleasesCompareEqual() {
        assertEquals(0, comparator.compare("6.1.0-56-cloud-amd64", "6.1.0-56-cloud-amd64"));
    }

    @Test
    void releasesEqualAsVersionsStillHaveAFixedOrder() {
        int forward = comparator.compare("6.1.01", "6.1.1");
        assertTrue(forward != 0);
        assertEquals(-Integer.signum(forward), Integer.signum(comparator.compare("6.1.1", "6.1.01")));
    }

    @Test
    void hugeNumbersDoNotOverflow() {
        assertTrue(comparator.compare("6.1.99999999999999999999", "6.1.100000000000000000000") < 0);
    }

    @Test
    void sortingAnyPermutationGivesTheSameOrder() {
        List<String> expected = List.of("4.19.0-25-amd64", "5.10.0-9-amd64", "5.15.0", "6.1.0", "6.1.0-9-amd64",
                "6.1.0-10-amd64", "6.1.0-56-cloud-amd64", "6.1.0-100-cloud-amd64", "6.1.01", "6.1.1", "6.1.192",
                "6.2.0-rc1", "6.2.0-rc2", "6.2.0", "6.10.0");
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<String> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, random);
            shuffled.sort(comparator);
            assertEquals(expected, shuffled);
        }
    }
}
