/**
 * The exec status channel, both ends: the guest's init writes nonce-stamped lines on a serial port
 * ({@link io.github.kvmboot.statusport.GuestStatusScript}), QEMU copies the port to a host file,
 * and the host reads that file ({@link io.github.kvmboot.statusport.StatusReport}). The words of
 * the protocol are spelled once, in {@link io.github.kvmboot.statusport.StatusProtocol}.
 */
package io.github.kvmboot.statusport;
