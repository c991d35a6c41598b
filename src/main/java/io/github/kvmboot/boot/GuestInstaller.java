package io.github.kvmboot.boot;

import static io.github.kvmboot.config.Setting.ISO_PATH;
import static io.github.kvmboot.config.Setting.LIST_ISOS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.install.DiskImages;
import io.github.kvmboot.install.IsoCatalog;
import io.github.kvmboot.install.LockHolders;
import io.github.kvmboot.install.QemuImg;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.supervisor.GuestListener;
import io.github.kvmboot.supervisor.GuestResult;
import io.github.kvmboot.supervisor.GuestSupervisor;
import io.github.kvmboot.supervisor.Outcome;

/**
 * The install-guest goal: list the ISOs, or boot the installer ISO with the target disk under the
 * same supervisor as {@code boot}, then check the written images with {@code qemu-img check}
 * whether the install finished, failed or was interrupted.
 */
public final class GuestInstaller {

    private final BuildLog log;
    private final HostEnvironment host;

    public GuestInstaller(BuildLog log, HostEnvironment host) {
        this.log = log;
        this.host = host;
    }

    /** The guest's result, or empty when only the ISOs were listed. */
    public Optional<GuestResult> run(ResolvedSettings s, GuestListener listener) throws KvmbootException, InterruptedException {
        if (s.flag(LIST_ISOS)) {
            listIsos(s);
            return Optional.empty();
        }
        InstallPlan plan = new BootPlanner(log, host).planInstall(s, listener);
        plan.boot().summary().forEach(log::info);
        DiskImages images = new DiskImages(host.findExecutable("qemu-img").map(QemuImg::new), new LockHolders(), log,
                host::resolve);
        try {
            GuestResult result = new GuestSupervisor(log).run(plan.boot().guestRun());
            String boot = "  mvn kvmboot:boot -Dkvmboot.diskBoot -Dkvmboot.target=" + plan.disks().get(0)
                    + (plan.disks().size() > 1 ? " -Dkvmboot.nextTarget=" + plan.disks().get(1) : "");
            howItEnded(result.outcome()).forEach(log::info);
            log.info(boot);
            return Optional.of(result);
        } finally {
            for (Path disk : plan.disks()) {
                images.checkAfterRun(disk).filter(QemuImg.Check::consistent)
                        .ifPresent(c -> log.info("kvmboot: qemu-img check " + disk + ": consistent"));
            }
        }
    }

    /** What the run's end says about the install: only a guest that powered off by itself finished it. */
    static List<String> howItEnded(Outcome outcome) {
        String again = "run kvmboot:install-guest again to install (the target is reused), or boot what is on the disk with:";
        return switch (outcome) {
            case EXPECT_MATCHED -> List.of("kvmboot: kvmboot.expect matched and the installer was stopped there: the"
                    + " install has not necessarily finished; " + again);
            case USER_QUIT -> List.of("kvmboot: you stopped the installer (Ctrl-A x) before it powered off: the install"
                    + " may be incomplete; " + again);
            case STOPPED -> List.of("kvmboot: the installer was stopped on request before it powered off: the install"
                    + " may be incomplete; " + again);
            default -> List.of("kvmboot: the installer powered off: the install has finished. Boot the installed"
                    + " system with:");
        };
    }

    private void listIsos(ResolvedSettings s) throws KvmbootException {
        Path dir = host.resolve(s.required(ISO_PATH, "set kvmboot.isoPath to the directory holding installer ISOs"));
        if (!Files.isDirectory(dir)) {
            throw s.invalid(ISO_PATH, "no directory at " + dir,
                    "set kvmboot.isoPath (or KVM_BOOT_ISO_PATH) to the directory holding your installer ISOs");
        }
        List<IsoCatalog.Entry> isos;
        try {
            isos = IsoCatalog.list(dir);
        } catch (IOException e) {
            throw s.invalid(ISO_PATH, "cannot list " + dir + ": " + e.getMessage(), "check its permissions");
        }
        log.info("kvmboot: " + isos.size() + " ISO image" + (isos.size() == 1 ? "" : "s") + " under " + dir
                + (isos.isEmpty() ? "" : ":"));
        IsoCatalog.lines(dir, isos).forEach(line -> log.info(line));
        Optional.of(isos).filter(l -> !l.isEmpty()).ifPresent(l -> log.info(
                "kvmboot: install one with -Dkvmboot.iso=" + dir.relativize(l.get(0).path()) + " -Dkvmboot.target=..."));
    }
}
