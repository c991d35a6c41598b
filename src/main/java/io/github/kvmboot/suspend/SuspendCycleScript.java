package io.github.kvmboot.suspend;

import io.github.kvmboot.statusport.GuestStatusScript;

/**
 * The generated init's suspend/resume cycles (busybox sh), run before the command. Each cycle
 * prints {@link SuspendCycleMarkers#suspending} on the console, writes the mode to
 * {@code /sys/power/state} (which returns once the host woke the guest) and prints
 * {@link SuspendCycleMarkers#resumed}. A kernel that does not offer the mode, or a write that
 * fails, is reported on the status port, so the host names the cause instead of waiting.
 */
public final class SuspendCycleScript {

    /** Error word on the status port: the kernel does not offer the mode; followed by the mode. */
    public static final String UNSUPPORTED = "no-suspend-";
    /** Error word on the status port: writing the mode failed; followed by the cycle number. */
    public static final String FAILED = "suspend-failed-";

    private SuspendCycleScript() {
    }

    public static String render(SuspendMode mode, int cycles) {
        String word = mode.stateWord();
        return """
                if ! grep -qw %1$s /sys/power/state 2>/dev/null; then
                  echo "kvmboot: this kernel cannot suspend %2$s: /sys/power/state offers '$(cat /sys/power/state 2>/dev/null)' (needs %3$s)"
                  %4$s
                fi
                kvmboot_cycle=1
                while [ $kvmboot_cycle -le %5$d ]; do
                  echo "%6$s$kvmboot_cycle/%5$d %1$s"
                  if ! echo %1$s > /sys/power/state; then
                    echo "kvmboot: suspend cycle $kvmboot_cycle failed: writing %1$s to /sys/power/state failed"
                    kvmboot_report error %8$s$kvmboot_cycle
                  fi
                  echo "%7$s$kvmboot_cycle/%5$d %1$s"
                  sleep 0.1 # the marker leaves the UART before the next cycle's kernel lines can split it
                  kvmboot_cycle=$((kvmboot_cycle + 1))
                done
                """.formatted(word, mode.description(), mode.kernelOption(),
                GuestStatusScript.reportError(UNSUPPORTED + word), cycles, SuspendCycleMarkers.SUSPENDING,
                SuspendCycleMarkers.RESUMED, FAILED);
    }

    /** What an error word of this script means, or empty when it is not one of its words. */
    public static java.util.Optional<String> explain(String errorWord) {
        for (SuspendMode mode : SuspendMode.values()) {
            if (mode != SuspendMode.OFF && errorWord.equals(UNSUPPORTED + mode.stateWord())) {
                return java.util.Optional.of("the kernel cannot suspend " + mode.description() + ": /sys/power/state"
                        + " does not offer '" + mode.stateWord() + "' (build it with " + mode.kernelOption()
                        + "=y; kvmboot.suspend=" + mode + ")");
            }
        }
        if (errorWord.startsWith(FAILED)) {
            return java.util.Optional.of("suspend cycle " + errorWord.substring(FAILED.length())
                    + " failed: the kernel refused the suspend (see the PM: lines on the console)");
        }
        return java.util.Optional.empty();
    }
}
