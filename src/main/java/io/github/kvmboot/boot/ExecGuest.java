package io.github.kvmboot.boot;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.guest.Share;
import io.github.kvmboot.process.HelperProcess;
import io.github.kvmboot.qemu.QemuCommandBuilder;
import io.github.kvmboot.qemu.SharedDirectories;
import io.github.kvmboot.qemu.StatusChannel;

/**
 * A generated exec guest: its initramfs, the status port its init reports on (QEMU writes it to
 * {@code statusFile}), the shares, and the lines telling the user.
 */
record ExecGuest(Path initramfs, StatusChannel statusPort, Path statusFile, List<Share> shares, List<String> summary,
        Optional<RootfsPlanner.Plan> rootfs) {

    /** The QEMU chardev id of the status port. */
    static final String STATUS_CHARDEV = "kvmboot-status";
    private static final String FSDEV_PREFIX = "kvmbootfs";

    ExecGuest {
        shares = List.copyOf(shares);
        summary = List.copyOf(summary);
    }

    /** The daemons to start before QEMU (virtiofsd for the host's root). */
    List<HelperProcess.Spec> helpers() {
        return rootfs.flatMap(RootfsPlanner.Plan::daemon).map(List::of).orElse(List.of());
    }

    /** The status port (reserved on {@code builder} when the init was generated), the root's device and one 9p device per share. */
    void addDevices(QemuCommandBuilder builder, long memoryMiB) {
        builder.statusChannelToFile(statusPort, STATUS_CHARDEV, statusFile);
        rootfs.ifPresent(r -> r.addDevices(builder, memoryMiB));
        for (int i = 0; i < shares.size(); i++) {
            SharedDirectories.on(builder).share9p(FSDEV_PREFIX + i, shares.get(i).hostDirectory(), shares.get(i).tag());
        }
    }
}
