package io.github.kvmboot.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildEstimateTest {

    @TempDir
    Path dir;

    @Test
    void percentAndTimeLeftFollowTheRateSoFar() {
        BuildEstimate estimate = new BuildEstimate(4000);
        assertEquals(Optional.of("25% of ~4000, about 3 min left"), estimate.describe(1000, Duration.ofSeconds(60)));
        assertEquals(Optional.of("50% of ~4000, about 40 s left"), estimate.describe(2000, Duration.ofSeconds(40)));
        assertEquals(Optional.of("99% of ~4000, about 0 s left"), estimate.describe(3999, Duration.ofSeconds(100)),
                "never 100% before make is done");
    }

    @Test
    void noEstimateOnceTheBuildOutgrowsThePreviousOne() {
        BuildEstimate estimate = new BuildEstimate(600);
        assertEquals(Optional.empty(), estimate.describe(600, Duration.ofSeconds(30)));
        assertEquals(Optional.empty(), estimate.describe(800, Duration.ofSeconds(30)));
        assertEquals(Optional.empty(), estimate.describe(0, Duration.ZERO));
    }

    @Test
    void durationsReadLikeAPersonWouldSayThem() {
        assertEquals("0 s", BuildEstimate.humanDuration(Duration.ofMillis(200)));
        assertEquals("59 s", BuildEstimate.humanDuration(Duration.ofSeconds(59)));
        assertEquals("1 min", BuildEstimate.humanDuration(Duration.ofSeconds(61)));
        assertEquals("3 min 10 s", BuildEstimate.humanDuration(Duration.ofSeconds(191)));
        assertEquals("1 h 5 min", BuildEstimate.humanDuration(Duration.ofMinutes(65).plusSeconds(10)));
        assertEquals("2 h", BuildEstimate.humanDuration(Duration.ofHours(2)));
    }

    @Test
    void theNextBuildInTheSameDirectoryKnowsTheTotalButAnIncrementalBuildDoesNotReplaceIt() throws Exception {
        assertEquals(Optional.empty(), BuildEstimate.load(dir).map(e -> e.describe(1, Duration.ofSeconds(1))));
        BuildEstimate.save(dir, 4810);
        assertEquals(Optional.of("10% of ~4810, about 1 min 30 s left"),
                BuildEstimate.load(dir).flatMap(e -> e.describe(481, Duration.ofSeconds(10))));

        BuildEstimate.save(dir, 12); // touched one file: says nothing about a full build
        assertEquals("4810", Files.readString(dir.resolve(BuildEstimate.FILE_NAME)).strip());

        BuildEstimate.save(dir, 2000); // a smaller configuration: the new total
        assertEquals("2000", Files.readString(dir.resolve(BuildEstimate.FILE_NAME)).strip());
    }

    @Test
    void anUnreadableCountMeansNoEstimate() throws Exception {
        Files.writeString(dir.resolve(BuildEstimate.FILE_NAME), "garbage\n");
        assertFalse(BuildEstimate.load(dir).isPresent());
        BuildEstimate.save(dir, 300);
        assertEquals("300", Files.readString(dir.resolve(BuildEstimate.FILE_NAME)).strip());
    }

    @Test
    void progressLinesCarryTheEstimateWhenThereIsOne() {
        List<String> lines = new ArrayList<>();
        Optional<BuildEstimate> previous = Optional.of(new BuildEstimate(800));
        BuildOutput output = BuildOutput.withProgress(200, (objects, counts) -> lines.add(
                KernelBuilder.progressLine(objects, counts, Duration.ofSeconds(objects / 10), previous)));
        for (int i = 0; i < 1000; i++) {
            output.accept("  CC      obj" + i + ".o");
        }
        assertEquals(List.of(
                "kvmboot: make: 200 objects built, 25% of ~800, about 1 min left (CC 200, AS 0, LD 0, AR 0), 20 s",
                "kvmboot: make: 400 objects built, 50% of ~800, about 40 s left (CC 400, AS 0, LD 0, AR 0), 40 s",
                "kvmboot: make: 600 objects built, 75% of ~800, about 20 s left (CC 600, AS 0, LD 0, AR 0), 60 s",
                "kvmboot: make: 800 objects built (CC 800, AS 0, LD 0, AR 0), 80 s",
                "kvmboot: make: 1000 objects built (CC 1000, AS 0, LD 0, AR 0), 100 s"), lines);
        assertEquals("kvmboot: make: 200 objects built (CC 200, AS 0, LD 0, AR 0), 5 s",
                KernelBuilder.progressLine(200, "CC 200, AS 0, LD 0, AR 0", Duration.ofSeconds(5), Optional.empty()));
    }
}
