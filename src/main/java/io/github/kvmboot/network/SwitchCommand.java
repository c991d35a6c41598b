package io.github.kvmboot.network;

import static io.github.kvmboot.config.Setting.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.log.BuildLog;
import io.github.kvmboot.qemu.ShellQuoting;

/**
 * The setup-switch goal without Maven: validates the settings, then runs (or, with
 * {@code kvmboot.dryRun}, prints) the chosen action. Checks privileges before tools, so a normal
 * user whose PATH lacks /usr/sbin is told about sudo, not about a missing iptables.
 */
public final class SwitchCommand {

    public enum Action { SETUP, STATUS, RESET, TEARDOWN }

    static final String SOCKET_GROUP = "kvm";

    private final BuildLog log;
    private final Function<String, Path> resolve;
    private final Function<String, Optional<Path>> findExecutable;
    private final String path;
    private final Path sysClassNet;

    /**
     * @param resolve        resolves user paths against the project base directory
     * @param findExecutable looks a command up on {@code path}
     * @param path           the PATH searched (for messages)
     */
    public SwitchCommand(BuildLog log, Function<String, Path> resolve, Function<String, Optional<Path>> findExecutable,
            String path, Path sysClassNet) {
        this.log = log;
        this.resolve = resolve;
        this.findExecutable = findExecutable;
        this.path = path;
        this.sysClassNet = sysClassNet;
    }

    public void run(ResolvedSettings s) throws KvmbootException, InterruptedException {
        Action action = s.choice(SWITCH_ACTION, Action.class);
        SwitchConfig config = new SwitchSettings(sysClassNet, resolve).validate(s);
        if (s.flag(DRY_RUN)) {
            dryRun(action, config);
            return;
        }
        if (!HostFacts.hasNetAdmin()) {
            throw new KvmbootException("kvmboot:setup-switch " + action.name().toLowerCase() + " needs the capability"
                    + " CAP_NET_ADMIN (to create " + config.tap() + ", change iptables and ip_forward), which this user ("
                    + System.getProperty("user.name") + ") lacks. Fix: run it as root (sudo mvn kvmboot:setup-switch ...),"
                    + " or add -Dkvmboot.dryRun to print the exact commands without changing anything.");
        }
        Tools tools = Tools.find(findExecutable, path);
        SwitchManager manager = new SwitchManager(new SwitchPlan(config, tools, socketGroup()),
                new CommandRunner(log, s.flag(VERBOSE)), log);
        switch (action) {
            case SETUP -> manager.setup();
            case STATUS -> manager.status();
            case TEARDOWN -> manager.teardown();
            case RESET -> {
                manager.teardown();
                manager.setup();
            }
            default -> throw new IllegalStateException(action.toString());
        }
    }

    private String socketGroup() {
        if (HostFacts.groupExists(SOCKET_GROUP)) {
            return SOCKET_GROUP;
        }
        log.warn("kvmboot: there is no group '" + SOCKET_GROUP + "'; the switch socket gets group root,"
                + " so only root can connect guests. Create the group (sudo groupadd --system kvm), add users"
                + " to it (sudo usermod -aG kvm USER) and run setup-switch with -Dkvmboot.switch.action=reset.");
        return "root";
    }

    private void dryRun(Action action, SwitchConfig config) {
        SwitchPlan plan = new SwitchPlan(config, Tools.byName(), SOCKET_GROUP);
        log.info("kvmboot: dry run of " + action.name().toLowerCase() + " for switch " + config.tap()
                + "; nothing is changed. The commands:");
        List<List<String>> commands = switch (action) {
            case SETUP -> plan.setupCommands();
            case STATUS -> List.of(plan.showTapLink(), plan.showTapAddresses(), plan.listRules("nat"), plan.listRules("filter"));
            case TEARDOWN -> plan.teardownCommands("PREVIOUS");
            case RESET -> concat(plan.teardownCommands("PREVIOUS"), plan.setupCommands());
        };
        if (action == Action.TEARDOWN || action == Action.RESET) {
            log.info("  (stop dnsmasq: kill the pid in " + config.dnsmasqPidFile() + " if it is dnsmasq --interface="
                    + config.tap() + "; stop vde_switch: kill the pid in " + config.vdePidFile() + "; each iptables -D runs"
                    + " while iptables -C finds the rule; PREVIOUS is the value saved in " + config.savedIpForward() + ")");
        }
        if (action == Action.SETUP || action == Action.RESET) {
            log.info("  (each iptables -A runs only when the -C before it finds no such rule; the previous"
                    + " net.ipv4.ip_forward is saved in " + config.savedIpForward() + ")");
        }
        commands.forEach(c -> log.info("  " + ShellQuoting.join(c)));
    }

    private static List<List<String>> concat(List<List<String>> a, List<List<String>> b) {
        List<List<String>> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
