package io.github.kvmboot.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingValue;
import io.github.kvmboot.config.Source;

/**
 * The mojos as Maven wires them: looked up from the generated plugin descriptor
 * (META-INF/maven/plugin.xml) by goal name and configured from a sample POM's plugin
 * {@code <configuration>} (src/test/resources/mojo-wiring). Every sample fails before QEMU, make
 * or a network command could start, so no test here starts any of them.
 */
@MojoTest
class MojoWiringTest {

    private static final String POMS = "src/test/resources/mojo-wiring/";
    private static final String SKIPPED = "kvmboot: skipped (kvmboot.skip)";

    // boot

    @Test
    @InjectMojo(goal = "boot", pom = POMS + "boot-pom.xml")
    void bootReadsItsPluginConfiguration(BootMojo mojo) {
        assertEquals(Goal.BOOT, mojo.goal());
        assertConfigured(mojo, Setting.MEMORY, "2G", "<memory>");
        assertConfigured(mojo, Setting.TIMEOUT, "5s", "<timeout>");
        assertConfigured(mojo, Setting.KERNEL, "target/mojo-wiring/no-such-bzImage", "<kernel>");
    }

    @Test
    @InjectMojo(goal = "boot", pom = POMS + "boot-pom.xml")
    void bootFailsNamingAKernelThatDoesNotExist(BootMojo mojo) {
        String message = failure(mojo);
        assertTrue(message.startsWith("kvmboot.kernel = 'target/mojo-wiring/no-such-bzImage'"
                + " (from <kernel> in the plugin configuration): "), message);
        assertFix(message);
    }

    @Test
    @InjectMojo(goal = "boot", pom = POMS + "boot-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void bootHonoursSkipInThePluginConfiguration(BootMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
    }

    @Test
    @InjectMojo(goal = "boot", pom = POMS + "boot-pom.xml")
    void bootHonoursSkipOnTheCommandLine(BootMojo mojo) throws Exception {
        commandLine(mojo, "kvmboot.skip", "true");
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
    }

    @Test
    @InjectMojo(goal = "boot", pom = POMS + "boot-pom.xml")
    void thePluginConfigurationWinsOverTheCommandLine(BootMojo mojo) throws Exception {
        commandLine(mojo, "kvmboot.memory", "4G");
        commandLine(mojo, "kvmboot.cpus", "3");
        assertConfigured(mojo, Setting.MEMORY, "2G", "<memory>");
        SettingValue cpus = mojo.resolveSettings().get(Setting.CPUS);
        assertEquals("3", cpus.value());
        assertEquals(Source.COMMAND_LINE, cpus.source());
    }

    // install-guest

    @Test
    @InjectMojo(goal = "install-guest", pom = POMS + "install-guest-pom.xml")
    void installGuestReadsItsPluginConfiguration(InstallGuestMojo mojo) {
        assertEquals(Goal.INSTALL_GUEST, mojo.goal());
        assertConfigured(mojo, Setting.MEMORY, "768M", "<memory>");
        assertConfigured(mojo, Setting.ISO_PATH, "target/mojo-wiring/no-isos", "<isoPath>");
    }

    @Test
    @InjectMojo(goal = "install-guest", pom = POMS + "install-guest-pom.xml")
    void installGuestFailsWithoutIsoAndTarget(InstallGuestMojo mojo) {
        String message = failure(mojo);
        assertTrue(message.startsWith("kvmboot.iso is not set (looked for <iso> in the plugin configuration,"), message);
        assertFix(message);
    }

    @Test
    @InjectMojo(goal = "install-guest", pom = POMS + "install-guest-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void installGuestHonoursSkip(InstallGuestMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
    }

    // setup-switch

    @Test
    @InjectMojo(goal = "setup-switch", pom = POMS + "setup-switch-pom.xml")
    void setupSwitchReadsItsPluginConfiguration(SetupSwitchMojo mojo) {
        assertEquals(Goal.SETUP_SWITCH, mojo.goal());
        assertConfigured(mojo, Setting.TAP_DEV, "tap9", "<tapDev>");
        assertConfigured(mojo, Setting.DRY_RUN, "true", "<dryRun>");
    }

    @Test
    @InjectMojo(goal = "setup-switch", pom = POMS + "setup-switch-pom.xml")
    void setupSwitchFailsNamingABadNetmask(SetupSwitchMojo mojo) {
        String message = failure(mojo);
        assertTrue(message.startsWith("kvmboot.netmask = '255.0.255.0' (from <netmask> in the plugin configuration): "
                + "its one-bits are not contiguous"), message);
        assertFix(message);
    }

    @Test
    @InjectMojo(goal = "setup-switch", pom = POMS + "setup-switch-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void setupSwitchHonoursSkip(SetupSwitchMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
    }

    @Test
    @InjectMojo(goal = "setup-switch", pom = POMS + "setup-switch-pom.xml")
    @MojoParameter(name = "explain", value = "true")
    void explainShowsTheSettingsOfTheGoal(SetupSwitchMojo mojo) {
        failure(mojo);
        for (Setting setting : Setting.values()) {
            verify(mojo.getLog(), setting.isReadBy(Goal.SETUP_SWITCH) ? times(1) : never())
                    .info(argThat((CharSequence line) -> line.toString().startsWith(setting.canonicalProperty() + " ")));
        }
    }

    // kernel-config

    @Test
    @InjectMojo(goal = "kernel-config", pom = POMS + "kernel-config-pom.xml")
    void kernelConfigReadsItsPluginConfiguration(KernelConfigMojo mojo) {
        assertEquals(Goal.KERNEL_CONFIG, mojo.goal());
        assertConfigured(mojo, Setting.BASE_CONFIG, "defconfig", "<baseConfig>");
        assertConfigured(mojo, Setting.KERNEL_TREE, "target/mojo-wiring/no-such-tree", "<kernelTree>");
    }

    @Test
    @InjectMojo(goal = "kernel-config", pom = POMS + "kernel-config-pom.xml")
    void kernelConfigFailsWithoutAKernelTree(KernelConfigMojo mojo) {
        assertNoKernelTree(failure(mojo));
    }

    @Test
    @InjectMojo(goal = "kernel-config", pom = POMS + "kernel-config-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void kernelConfigHonoursSkip(KernelConfigMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
    }

    // build

    @Test
    @InjectMojo(goal = "build", pom = POMS + "build-pom.xml")
    void buildReadsItsPluginConfiguration(BuildMojo mojo) {
        assertEquals(Goal.BUILD, mojo.goal());
        assertConfigured(mojo, Setting.JOBS, "3", "<jobs>");
        assertConfigured(mojo, Setting.KERNEL_TREE, "target/mojo-wiring/no-such-tree", "<kernelTree>");
    }

    @Test
    @InjectMojo(goal = "build", pom = POMS + "build-pom.xml")
    void buildFailsWithoutAKernelTree(BuildMojo mojo) {
        assertNoKernelTree(failure(mojo));
    }

    @Test
    @InjectMojo(goal = "build", pom = POMS + "build-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void buildHonoursSkip(BuildMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
        verify(mojo.getLog(), never()).info(argThat((CharSequence text) -> text.toString().startsWith("kvmboot: built")));
    }

    // start, stop, qmp (issue 10)

    @Test
    @InjectMojo(goal = "start", pom = POMS + "start-pom.xml")
    void startReadsItsPluginConfiguration(StartMojo mojo) {
        assertEquals(Goal.START, mojo.goal());
        assertConfigured(mojo, Setting.FORWARD, "tcp:70000", "<forward>");
        assertConfigured(mojo, Setting.WAIT_FOR, "tcp:70000", "<waitFor>");
        assertConfigured(mojo, Setting.NAME, "../web", "<name>");
        assertConfigured(mojo, Setting.KERNEL, "target/mojo-wiring/no-such-bzImage", "<kernel>");
    }

    @Test
    @InjectMojo(goal = "start", pom = POMS + "start-pom.xml")
    void startFailsNamingAGuestNameThatIsNoDirectoryName(StartMojo mojo) {
        String message = failure(mojo);
        assertTrue(message.startsWith("kvmboot.name = '../web' (from <name> in the plugin configuration): "
                + "a guest name becomes a directory name"), message);
        assertFix(message);
    }

    @Test
    @InjectMojo(goal = "start", pom = POMS + "start-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void startHonoursSkip(StartMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
    }

    @Test
    @InjectMojo(goal = "stop", pom = POMS + "stop-pom.xml")
    void stopReadsItsPluginConfiguration(StopMojo mojo) {
        assertEquals(Goal.STOP, mojo.goal());
        assertConfigured(mojo, Setting.STOP_TIMEOUT, "3", "<stopTimeout>");
    }

    @Test
    @InjectMojo(goal = "stop", pom = POMS + "stop-pom.xml")
    void stopWithNothingStartedWarnsAndPasses(StopMojo mojo) throws Exception {
        mojo.execute(); // a failed or skipped start has said why already; stop must not hide that
        verify(mojo.getLog()).warn(argThat((CharSequence text) -> text.toString().startsWith("kvmboot: no started guest to stop under ")
                && text.toString().contains("no-guests")));
    }

    @Test
    @InjectMojo(goal = "stop", pom = POMS + "stop-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void stopHonoursSkip(StopMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
        verify(mojo.getLog(), never()).warn(argThat((CharSequence text) -> text.toString().startsWith("kvmboot: no started")));
    }

    @Test
    @InjectMojo(goal = "qmp", pom = POMS + "qmp-pom.xml")
    void qmpReadsItsPluginConfiguration(QmpMojo mojo) {
        assertEquals(Goal.QMP, mojo.goal());
        assertConfigured(mojo, Setting.QMP_COMMAND, "query-status", "<qmp>");
        assertConfigured(mojo, Setting.NAME, "web", "<name>");
    }

    @Test
    @InjectMojo(goal = "qmp", pom = POMS + "qmp-pom.xml")
    void qmpFailsWhenNoGuestRuns(QmpMojo mojo) {
        String message = failure(mojo);
        assertTrue(message.startsWith("kvmboot:qmp: no running guest named 'web' in "), message);
        assertTrue(message.contains("start one with kvmboot:start"), message);
    }

    @Test
    @InjectMojo(goal = "qmp", pom = POMS + "qmp-pom.xml")
    @MojoParameter(name = "qmp", value = "{\"execute\": ")
    void qmpFailsNamingInvalidJson(QmpMojo mojo) {
        String message = failure(mojo);
        assertTrue(message.startsWith("kvmboot.qmp = '{\"execute\": ' (from <qmp> in the plugin configuration): not valid JSON"),
                message);
        assertFix(message);
    }

    @Test
    @InjectMojo(goal = "qmp", pom = POMS + "qmp-pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void qmpHonoursSkip(QmpMojo mojo) throws Exception {
        mojo.execute();
        verify(mojo.getLog()).info(SKIPPED);
    }

    // help (generated by maven-plugin-plugin)

    @Test
    @InjectMojo(goal = "help")
    void helpListsEveryGoal(Mojo mojo) throws Exception {
        doReturn(true).when(mojo.getLog()).isInfoEnabled(); // the harness logs to slf4j's no-op logger
        mojo.execute();
        for (Goal goal : Goal.values()) {
            verify(mojo.getLog()).info(argThat((CharSequence text) -> text.toString().contains("kvmboot:" + goal.goalName())));
        }
    }

    private static void assertConfigured(AbstractKvmbootMojo mojo, Setting setting, String value, String key) {
        SettingValue resolved = mojo.resolveSettings().get(setting);
        assertEquals(value, resolved.value(), setting.toString());
        assertEquals(Source.PLUGIN_CONFIGURATION, resolved.source(), setting.toString());
        assertEquals(key + " in the plugin configuration", resolved.origin());
    }

    private static void assertNoKernelTree(String message) {
        assertTrue(message.startsWith("kvmboot.kernelTree = 'target/mojo-wiring/no-such-tree'"
                + " (from <kernelTree> in the plugin configuration): "), message);
        assertFix(message);
    }

    private static void assertFix(String message) {
        assertTrue(message.matches("(?s).*: .+\\. Fix: .+\\."), message);
    }

    private static String failure(Mojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        return e.getMessage();
    }

    private static void commandLine(AbstractKvmbootMojo mojo, String property, String value) throws Exception {
        MavenSession session = getVariableValueFromObject(mojo, "session");
        assertInstanceOf(MavenSession.class, session);
        session.getUserProperties().setProperty(property, value);
    }
}
