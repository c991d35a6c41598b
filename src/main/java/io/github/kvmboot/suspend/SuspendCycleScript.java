package io.github.kvmboot.suspend;

import io.github.kvmboot.guest.InitHooks;
import io.github.kvmboot.statusport.GuestStatusScript;

/**
 * The generated init's suspend/resume cycles (busybox sh), run before the command. Each cycle
 * prints {@link SuspendCycleMarkers#suspending} on the console, writes the mode to
 * {@code /sys/power/state} (which returns once the host woke the guest) and prints
 * {@link SuspendCycleMarkers#resumed}. A kernel that does not offer the mode, or a write that
 * fails, is reported on the status port, so the host names the cause instead of waiting.
 *
 * <p>For {@code disk} (S4) the write returns in a later QEMU: the kernel writes its image to the
 * swap disk ({@link HibernationSwap}) and enters S4, QEMU exits, the supervisor starts it again,
 * and this init's first lines (before the status port) make the fresh kernel restore the image.
 */
public final class SuspendCycleScript {

    /** Error word on the status port: the kernel does not offer the mode; followed by the mode. */
    public static final String UNSUPPORTED = "no-suspend-";
    /** Error word on the status port: writing the mode failed; followed by the cycle number. */
    public static final String FAILED = "suspend-failed-";
    /** Error words of S4: no swap disk in the guest, swapon failed, a fresh boot where a resume was due. */
    public static final String NO_SWAP_DISK = "no-swap-disk";
    public static final String SWAP_FAILED = "swap-failed";
    public static final String BOOTED_AFRESH = "resume-failed";

    private SuspendCycleScript() {
    }

    /** What init runs for {@code cycles} cycles of {@code mode}. */
    public static InitHooks render(SuspendMode mode, int cycles) {
        String check = """
                if ! grep -qw %1$s /sys/power/state 2>/dev/null; then
                  echo "kvmboot: this kernel cannot suspend %2$s: /sys/power/state offers '$(cat /sys/power/state 2>/dev/null)' (needs %3$s)"
                  %4$s
                fi
                """.formatted(mode.stateWord(), mode.description(), mode.kernelOption(),
                GuestStatusScript.reportError(UNSUPPORTED + mode.stateWord()));
        if (mode == SuspendMode.DISK) {
            return new InitHooks(findSwapDiskAndResume(), check + useSwapDisk() + loop(mode, cycles));
        }
        return InitHooks.beforeCommand(check + loop(mode, cycles));
    }

    private static String loop(SuspendMode mode, int cycles) {
        return """
                kvmboot_cycle=1
                while [ $kvmboot_cycle -le %2$d ]; do
                  echo "%3$s$kvmboot_cycle/%2$d %1$s"
                  if ! echo %1$s > /sys/power/state; then
                    echo "kvmboot: suspend cycle $kvmboot_cycle failed: writing %1$s to /sys/power/state failed"
                    kvmboot_report error %5$s$kvmboot_cycle
                  fi
                  echo "%4$s$kvmboot_cycle/%2$d %1$s"
                  sleep 0.1 # the marker leaves the UART before the next cycle's kernel lines can split it
                  kvmboot_cycle=$((kvmboot_cycle + 1))
                done
                """.formatted(mode.stateWord(), cycles, SuspendCycleMarkers.SUSPENDING, SuspendCycleMarkers.RESUMED,
                FAILED);
    }

    /**
     * S4, before the status port: finds the swap disk kvmboot gave the guest (by its serial; the
     * disk appears a moment after virtio_blk's insmod) and writes its device number to
     * {@code /sys/power/resume}, as initramfs-tools does: with a hibernation image there the kernel
     * resumes from it right here. Still here with a swap signature on the disk, which kvmboot
     * created empty, means QEMU was started again and the kernel booted afresh.
     */
    private static String findSwapDiskAndResume() {
        return """
                kvmboot_swap=
                kvmboot_try=0
                while [ $kvmboot_try -lt 100 ]; do
                  for kvmboot_disk in /sys/block/*; do
                    [ "$(cat "$kvmboot_disk/serial" 2>/dev/null)" = "%1$s" ] && kvmboot_swap=${kvmboot_disk##*/}
                  done
                  [ -n "$kvmboot_swap" ] && [ -b "/dev/$kvmboot_swap" ] && break
                  kvmboot_swap=
                  kvmboot_try=$((kvmboot_try + 1))
                  sleep 0.1
                done
                kvmboot_booted_afresh=
                if [ -n "$kvmboot_swap" ]; then
                  cat "/sys/block/$kvmboot_swap/dev" > /sys/power/resume 2>/dev/null
                  case "$(dd if="/dev/$kvmboot_swap" bs=1 skip=4086 count=10 2>/dev/null)" in
                    SWAPSPACE2|S1SUSPEND) kvmboot_booted_afresh=1 ;;
                  esac
                fi
                """.formatted(HibernationSwap.SERIAL);
    }

    /** S4, before the cycles: the swap disk in use, the platform mode (QEMU sees S4: SUSPEND_DISK). */
    private static String useSwapDisk() {
        return """
                if [ -z "$kvmboot_swap" ]; then
                  echo "kvmboot: the swap disk for kvmboot.suspend=disk is missing (the kernel needs CONFIG_VIRTIO_BLK and CONFIG_VIRTIO_PCI, built in or as modules from kvmboot.modules)"
                  %1$s
                fi
                if [ -n "$kvmboot_booted_afresh" ]; then
                  echo "kvmboot: QEMU was started again after the hibernation, but the kernel booted afresh instead of resuming from the image on /dev/$kvmboot_swap (see the PM: lines above)"
                  %2$s
                fi
                if ! mkswap "/dev/$kvmboot_swap" >/dev/null || ! swapon "/dev/$kvmboot_swap"; then
                  echo "kvmboot: cannot use /dev/$kvmboot_swap as swap for the hibernation image"
                  %3$s
                fi
                echo platform > /sys/power/disk 2>/dev/null
                echo "kvmboot: hibernating to /dev/$kvmboot_swap, kernel boot id $(cat /proc/sys/kernel/random/boot_id)"
                """.formatted(GuestStatusScript.reportError(NO_SWAP_DISK), GuestStatusScript.reportError(BOOTED_AFRESH),
                GuestStatusScript.reportError(SWAP_FAILED));
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
        if (errorWord.equals(NO_SWAP_DISK)) {
            return java.util.Optional.of("the guest has no swap disk for the hibernation image: its kernel needs"
                    + " CONFIG_VIRTIO_BLK and CONFIG_VIRTIO_PCI (built in, or as modules from kvmboot.modules)");
        }
        if (errorWord.equals(SWAP_FAILED)) {
            return java.util.Optional.of("the guest could not use its swap disk for the hibernation image (mkswap or"
                    + " swapon failed: the kernel needs CONFIG_SWAP)");
        }
        if (errorWord.equals(BOOTED_AFRESH)) {
            return java.util.Optional.of("QEMU was started again after SUSPEND_DISK, but the kernel booted afresh"
                    + " instead of resuming from the hibernation image (see the PM: lines on the console)");
        }
        if (errorWord.startsWith(FAILED)) {
            return java.util.Optional.of("suspend cycle " + errorWord.substring(FAILED.length())
                    + " failed: the kernel refused the suspend (see the PM: lines on the console)");
        }
        return java.util.Optional.empty();
    }
}
