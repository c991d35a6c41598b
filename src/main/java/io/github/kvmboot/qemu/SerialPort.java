package io.github.kvmboot.qemu;

/**
 * A serial port as the guest sees it. QEMU numbers {@code -serial} options in command line order:
 * the fourth is the guest's {@code ttyS3}.
 *
 * @param index the guest's port number, 0 for ttyS0
 */
public record SerialPort(int index) implements StatusChannel {

    public SerialPort {
        if (index < 0) {
            throw new IllegalArgumentException("negative serial port index " + index);
        }
    }

    /** {@code /dev/ttyS<index>}, the device node the guest's 8250 driver creates. */
    public String guestDevice() {
        return "/dev/ttyS" + index;
    }

    /** How many 8250 ports the guest kernel needs for this one to exist. */
    public int portsNeeded() {
        return index + 1;
    }
}
