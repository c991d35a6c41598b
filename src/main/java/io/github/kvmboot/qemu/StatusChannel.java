package io.github.kvmboot.qemu;

/**
 * Where the exec guest's init reports its command's exit code: the PC's fourth UART
 * ({@link SerialPort}, as always), or on a {@code virt} board a named virtio-serial port
 * ({@link VirtioPort}). {@link QemuCommandBuilder#reserveStatusChannel} picks the machine's.
 */
public sealed interface StatusChannel permits SerialPort, VirtioPort {
}
