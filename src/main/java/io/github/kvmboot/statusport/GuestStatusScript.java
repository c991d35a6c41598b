package io.github.kvmboot.statusport;

import io.github.kvmboot.qemu.SerialPort;
import io.github.kvmboot.qemu.StatusChannel;
import io.github.kvmboot.qemu.VirtioPort;

/**
 * The guest's end, as fragments of the generated {@code /init} (busybox sh). The nonce is drawn
 * by init itself and kept in an unexported shell variable; init opens the port
 * as fd 9, removes the device node and starts the command with fd 9 closed, so nothing the command
 * prints (on the console or anywhere) can produce a line the host accepts. The nonce is not in the
 * image either, so images stay cacheable.
 *
 * <p>The nonce comes from {@code /proc/sys/kernel/random/uuid} (122 random bits), not from
 * {@code /dev/urandom}: since Linux 5.18 the first read of /dev/urandom before the RNG is seeded
 * runs the kernel's jitter-entropy loop until it is, about 1.2 s of every TCG boot here. The uuid
 * never waits. /dev/urandom stays the fallback for a kernel without {@code CONFIG_PROC_SYSCTL}.
 */
public final class GuestStatusScript {

    /** The file descriptor init holds the port on; the command must be started with it closed ({@code 9>&-}). */
    public static final int FD = 9;

    private GuestStatusScript() {
    }

    /**
     * Opens {@code device} (the guest's node for the port, e.g. /dev/ttyS3), writes the start line
     * and defines {@code kvmboot_report <kind> <value>}, which writes the last line and powers off.
     * Needs the shell function {@code kvmboot_off} defined before.
     *
     * @param portsNeeded how many 8250 ports the kernel needs for {@code device} to exist
     */
    public static String open(StatusChannel channel) {
        if (channel instanceof SerialPort port) {
            return open(port.guestDevice(), port.portsNeeded());
        }
        return openVirtioPort(((VirtioPort) channel).name());
    }

    /**
     * As {@link #open(String, int)} for a virtio-serial port found by its name (its node is
     * {@code /dev/vport<N>p<M>}, numbered by probe order); needs the virtio console driver loaded before.
     * The port appears a moment after the driver's insmod returns (its probe runs asynchronously):
     * up to 10 s are waited for it.
     */
    static String openVirtioPort(String name) {
        return """
                kvmboot_status=
                kvmboot_try=0
                while [ $kvmboot_try -lt 100 ]; do
                  for kvmboot_port in /sys/class/virtio-ports/*; do
                    [ "$(cat "$kvmboot_port/name" 2>/dev/null)" = "%1$s" ] && kvmboot_status=/dev/${kvmboot_port##*/}
                  done
                  [ -n "$kvmboot_status" ] && [ -c "$kvmboot_status" ] && break
                  kvmboot_try=$((kvmboot_try + 1))
                  sleep 0.1
                done
                if [ -z "$kvmboot_status" ] || [ ! -c "$kvmboot_status" ]; then
                  echo "kvmboot: the status port %1$s is missing (the kernel needs CONFIG_VIRTIO_CONSOLE and CONFIG_VIRTIO_PCI); powering off"
                  kvmboot_off
                fi
                """.formatted(name) + reportingOn("$kvmboot_status");
    }

    public static String open(String device, int portsNeeded) {
        return """
                if ! stty -F %1$s raw -echo 2>/dev/null; then
                  echo "kvmboot: the status port %1$s is missing (the kernel needs CONFIG_SERIAL_8250 with %2$d ports); powering off"
                  kvmboot_off
                fi
                """.formatted(device, portsNeeded) + reportingOn(device);
    }

    /** Opens the port's node as fd {@link #FD}, writes the start line, removes the node, defines kvmboot_report. */
    private static String reportingOn(String device) {
        return """
                exec %3$d>%1$s
                kvmboot_nonce=$(tr -d - </proc/sys/kernel/random/uuid 2>/dev/null)
                [ ${#kvmboot_nonce} -ge 32 ] || kvmboot_nonce=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')
                echo "%4$s%5$s $kvmboot_nonce" >&%3$d
                rm -f %1$s
                kvmboot_report() {
                  echo "%4$s$1 $kvmboot_nonce $2" >&%3$d
                  exec %3$d>&-
                  kvmboot_off
                }
                """.formatted(device, "", FD, StatusProtocol.PREFIX, StatusProtocol.START);
    }

    /** The shell command reporting {@code word} (one of the error words of {@link StatusProtocol}) and powering off. */
    public static String reportError(String word) {
        return "kvmboot_report " + StatusProtocol.ERROR + " " + word;
    }

    /** The shell command reporting the exit code {@code shellValue} (e.g. {@code $?}) and powering off. */
    public static String reportExit(String shellValue) {
        return "kvmboot_report " + StatusProtocol.EXIT + " " + shellValue;
    }
}
