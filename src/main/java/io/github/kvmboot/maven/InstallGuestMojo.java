package io.github.kvmboot.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.GuestInstaller;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;

/**
 * Boots an installer ISO with the target image as first disk and the development disk as
 * second (the seed's {@code install-kvm-guest}), creating the images on request
 * ({@code kvmboot.createTarget}, {@code kvmboot.createNextTarget}) but never overwriting one.
 * {@code -Dkvmboot.listIsos} lists the ISOs under {@code kvmboot.isoPath}. Installers get a
 * display when one is present unless {@code kvmboot.graphics} says otherwise. Afterwards, boot
 * the installed system with {@code kvmboot:boot -Dkvmboot.diskBoot -Dkvmboot.target=...}.
 */
@Mojo(name = "install-guest", requiresProject = false, threadSafe = true)
public class InstallGuestMojo extends AbstractGuestMojo {

    public InstallGuestMojo() {
        super(Goal.INSTALL_GUEST);
    }

    /** Installer ISO image ({@code KVM_BOOT_ISO}); a name is also looked up under {@code isoPath}. */
    @Parameter
    private String iso;

    /** Directory of installer ISOs, default /opt/isos ({@code KVM_BOOT_ISO_PATH}). */
    @Parameter
    private String isoPath;

    /** List the ISOs under {@code isoPath} with their sizes, then stop ({@code kvmboot.listIsos}). */
    @Parameter
    private String listIsos;

    @Override
    protected void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException {
        new GuestInstaller(log, host).run(settings, GuestListener.NONE);
    }
}
