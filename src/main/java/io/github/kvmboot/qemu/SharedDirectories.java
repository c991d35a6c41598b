package io.github.kvmboot.qemu;

import java.nio.file.Path;

import io.github.kvmboot.qemu.QemuIds.Kind;

/**
 * Host directories in the guest, a device group of a {@link QemuCommandBuilder}: 9p shares and a
 * virtiofs device served by virtiofsd (which needs the guest memory shared).
 */
public final class SharedDirectories {

    private final QemuCommandBuilder b;

    private SharedDirectories(QemuCommandBuilder builder) {
        this.b = builder;
    }

    public static SharedDirectories on(QemuCommandBuilder builder) {
        return new SharedDirectories(builder);
    }

    /**
     * A host directory as a 9p share: {@code -fsdev local} (no uid mapping: {@code security_model=none})
     * and the virtio-9p device the guest mounts by {@code mountTag}.
     */
    public SharedDirectories share9p(String fsdevId, Path directory, String mountTag) {
        return share9p(fsdevId, directory, mountTag, false);
    }

    /** {@link #share9p(String, Path, String)}, with {@code readonly=on} QEMU refuses every guest write. */
    public SharedDirectories share9p(String fsdevId, Path directory, String mountTag, boolean readOnly) {
        String id = b.declare(Kind.FSDEV, fsdevId);
        b.add("-fsdev", "local,id=" + id + ",path=" + QemuOptions.escape(directory.toString()) + ",security_model=none"
                + (readOnly ? ",readonly=on" : ""));
        b.device("virtio-9p-pci,fsdev=" + id + ",mount_tag="
                + QemuOptions.escape(QemuCommandBuilder.requireNonBlank(mountTag, "mount tag")));
        return this;
    }

    /**
     * All guest memory from a shared memfd ({@code -object memory-backend-memfd,share=on} and
     * {@code -numa node,memdev=}), which vhost-user devices need; {@code mib} must be the {@code -m} size.
     */
    public SharedDirectories sharedMemory(String objectId, long mib) {
        if (mib <= 0) {
            throw new IllegalArgumentException("memory must be positive, got " + mib + " MiB");
        }
        String id = b.declare(Kind.OBJECT, objectId);
        b.add("-object", "memory-backend-memfd,id=" + id + ",size=" + mib + "M,share=on", "-numa", "node,memdev=" + id);
        return this;
    }

    /**
     * A virtiofs device served by a vhost-user daemon (virtiofsd) on {@code socket}: the chardev
     * {@code chardevId} connects to it, the guest mounts it by {@code tag}. Needs {@link #sharedMemory}.
     */
    public SharedDirectories vhostUserFs(String chardevId, Path socket, String tag) {
        String id = b.chardev(chardevId);
        b.add("-chardev", "socket,id=" + id + ",path=" + QemuOptions.escape(socket.toString()));
        b.device("vhost-user-fs-pci,chardev=" + id + ",tag="
                + QemuOptions.escape(QemuCommandBuilder.requireNonBlank(tag, "virtiofs tag")));
        return this;
    }
}
