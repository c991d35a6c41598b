package io.github.kvmboot.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.kvmboot.initramfs.InitramfsBuilder;
import io.github.kvmboot.testing.TestGuests;

/**
 * A guest for the network tests: the Debian cloud test kernel (virtio-net is a module there) with
 * an initramfs that loads virtio_net and its dependencies, gets a DHCP lease with busybox udhcpc,
 * prints it and pings the gateway it was given.
 */
public final class NetGuests {

    /** virtio_net and what it needs, in load order (the package ships no modules.dep; found by
     * insmod's "Unknown symbol" errors: virtio needs virtio_ring's virtio_break_device). */
    static final List<String> MODULES = List.of(
            "drivers/virtio/virtio_ring.ko",
            "drivers/virtio/virtio.ko",
            "drivers/virtio/virtio_pci_legacy_dev.ko",
            "drivers/virtio/virtio_pci_modern_dev.ko",
            "drivers/virtio/virtio_pci.ko",
            "net/core/failover.ko",
            "drivers/net/net_failover.ko",
            "drivers/net/virtio_net.ko");

    static final String OK = "KVMBOOT-NET-OK";
    static final String FAIL = "KVMBOOT-NET-FAIL";

    /** udhcpc calls this with the lease in its environment; it configures eth0 and records the lease. */
    private static final String DHCP_SCRIPT = """
            #!/bin/sh
            case "$1" in
              bound|renew)
                ifconfig "$interface" "$ip" netmask "$subnet" up
                for r in $router; do route add default gw "$r" dev "$interface"; break; done
                echo "ip=$ip router=$(echo $router | cut -d' ' -f1)" > /tmp/lease
                ;;
            esac
            exit 0
            """;

    private static final String INIT = """
            #!/bin/sh
            export PATH=/bin
            /bin/busybox --install -s /bin
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mkdir -p /tmp
            for m in $(cat /lib/modules/order); do insmod /lib/modules/$m || echo "%2$s insmod $m"; done
            ip link set lo up
            ip link set eth0 up
            if udhcpc -i eth0 -s /etc/udhcpc.script -n -q -t 20 -T 3; then
              . /tmp/lease
              echo "KVMBOOT-NET-LEASE $ip"
              if ping -c 2 -W 5 "$router"; then
                echo "%1$s leased $ip pinged $router"
              else
                echo "%2$s ping $router"
              fi
            else
              echo "%2$s no DHCP lease"
            fi
            poweroff -f
            """;

    private NetGuests() {
    }

    public static Path dhcpInitramfs() throws IOException, InterruptedException {
        Path modules = TestGuests.modulesDir().resolve("kernel");
        StringBuilder order = new StringBuilder();
        InitramfsBuilder builder = InitramfsBuilder.busybox(TestGuests.busybox(), String.format(INIT, OK, FAIL))
                .file("etc/udhcpc.script", DHCP_SCRIPT, 0755);
        for (String module : MODULES) {
            String name = Path.of(module).getFileName().toString();
            builder.file("lib/modules/" + name, modules.resolve(module), 0644);
            order.append(name).append('\n');
        }
        builder.file("lib/modules/order", order.toString(), 0644);
        Path target = TestGuests.cacheDir().resolve("initramfs").resolve(builder.contentHash() + ".cpio.gz");
        if (!Files.exists(target)) {
            builder.writeGzip(target);
        }
        return target;
    }
}
