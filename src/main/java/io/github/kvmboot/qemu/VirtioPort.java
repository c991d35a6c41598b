package io.github.kvmboot.qemu;

/**
 * A named virtio-serial port: the guest finds it by its name in
 * {@code /sys/class/virtio-ports/vport*}{@code /name} (no udev needed for the {@code /dev/virtio-ports/} link).
 */
public record VirtioPort(String name) implements StatusChannel {

    /** The exec status channel's name. */
    public static final VirtioPort STATUS = new VirtioPort("kvmboot.status");

    public VirtioPort {
        if (!name.matches("[a-z0-9.]+")) {
            throw new IllegalArgumentException("virtio port name must be lower-case letters, digits and dots: " + name);
        }
    }
}
