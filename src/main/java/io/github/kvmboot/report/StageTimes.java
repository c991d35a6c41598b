package io.github.kvmboot.report;

import java.util.OptionalLong;

/**
 * When each boot stage was reached, in nanoseconds since the run started; empty when not reached.
 */
public record StageTimes(OptionalLong qemuStarted, OptionalLong kernelEntered, OptionalLong initReached) {
}
