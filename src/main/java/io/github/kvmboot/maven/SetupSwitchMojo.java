package io.github.kvmboot.maven;

import java.nio.file.Path;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.network.SwitchCommand;

/**
 * Sets up (or shows, resets, tears down) a VDE switch for guests: vde_switch on a tap device,
 * dnsmasq for DHCP on that tap only, NAT and IP forwarding. Needs root (CAP_NET_ADMIN);
 * {@code -Dkvmboot.dryRun} prints the exact commands instead. Idempotent; teardown removes exactly
 * what setup added. Choose the action with {@code -Dkvmboot.switch.action=setup|status|reset|teardown}.
 */
@Mojo(name = "setup-switch", requiresProject = false, threadSafe = true)
public class SetupSwitchMojo extends AbstractKvmbootMojo {

    public SetupSwitchMojo() {
        super(Goal.SETUP_SWITCH);
    }

    /** setup (default), status, reset or teardown ({@code kvmboot.switch.action}). */
    @Parameter
    private String switchAction;

    /** Print the commands, change nothing ({@code kvmboot.dryRun}). */
    @Parameter
    private String dryRun;

    /** Print every command as it runs ({@code kvmboot.verbose}). */
    @Parameter
    private String verbose;

    /** Uplink device for NAT ({@code KVM_BOOT_NETDEV}); unset: any device but the switch's subnet. */
    @Parameter
    private String netdev;

    /** Tap device, default tap0 ({@code KVM_BOOT_TAP_DEV}). */
    @Parameter
    private String tapDev;

    /** Network address of the switch subnet ({@code KVM_BOOT_NETWORK}). */
    @Parameter
    private String networkAddress;

    /** Netmask ({@code KVM_BOOT_NETMASK}). */
    @Parameter
    private String netmask;

    /** The host's address on the tap, the guests' gateway ({@code KVM_BOOT_GATEWAY}). */
    @Parameter
    private String gateway;

    /** DHCP range first,last ({@code KVM_BOOT_DHCPRANGE}). */
    @Parameter
    private String dhcpRange;

    /** Directory for dnsmasq's pid and lease files ({@code KVM_BOOT_DNSMASQ_RUN_DIR}). */
    @Parameter
    private String dnsmasqRunDir;

    /** TFTP root served to guests ({@code KVM_BOOT_TFTPROOT}). */
    @Parameter
    private String tftpRoot;

    /** Boot file offered over BOOTP/DHCP ({@code KVM_BOOT_BOOTP}). */
    @Parameter
    private String bootp;

    /** The switch's control socket ({@code KVM_BOOT_VDE_SOCKET}). */
    @Parameter
    private String vdeSocket;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        new SwitchCommand(log, host::resolve, host::findExecutable,
                host.environment().getOrDefault("PATH", ""), Path.of("/sys/class/net")).run(settings);
    }
}
