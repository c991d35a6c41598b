package io.github.kvmboot.maven;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import io.github.kvmboot.KvmbootException;
import io.github.kvmboot.boot.HostEnvironment;
import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.Setting;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.log.BuildLog;

/**
 * What every kvmboot goal shares: settings resolution (plugin configuration &gt; -D &gt; POM
 * properties &gt; KVM_BOOT_* environment &gt; default, see {@link Setting}), skip, explain, and the
 * translation of core failures into Maven's. The plugin-configuration fields carry no
 * {@code property} attribute on purpose: Maven would otherwise fill them from -D as well, and the
 * source of a value (needed in every error message) would be lost.
 */
public abstract class AbstractKvmbootMojo extends AbstractMojo {

    private final Goal goal;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    /** Skip every kvmboot goal ({@code kvmboot.skip}). */
    @Parameter
    private String skip;

    /** Print every effective setting with its source ({@code kvmboot.explain}). */
    @Parameter
    private String explain;

    /** Where console.log, ptys.json and the pidfile go ({@code kvmboot.outputDirectory}). */
    @Parameter
    private String outputDirectory;

    /** @param goal this mojo's goal, as in its {@code @Mojo(name)}: it decides which settings it reads */
    protected AbstractKvmbootMojo(Goal goal) {
        this.goal = goal;
    }

    public final Goal goal() {
        return goal;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        BuildLog log = new MavenBuildLog(getLog());
        try {
            ResolvedSettings settings = resolveSettings();
            if (settings.flag(Setting.SKIP)) {
                log.info("kvmboot: skipped (kvmboot.skip)");
                return;
            }
            settings.unknownKeys().forEach(unknown -> log.warn("kvmboot: " + unknown));
            if (settings.flag(Setting.EXPLAIN) || log.isDebugEnabled()) {
                settings.explainLines(Setting.forGoal(goal)).forEach(settings.flag(Setting.EXPLAIN) ? log::info : log::debug);
            }
            run(settings, hostEnvironment(), log);
        } catch (KvmbootException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoFailureException("kvmboot: interrupted");
        }
    }

    protected abstract void run(ResolvedSettings settings, HostEnvironment host, BuildLog log)
            throws KvmbootException, InterruptedException;

    ResolvedSettings resolveSettings() {
        return new SettingsResolver(pluginConfiguration(), SettingsResolver.asMap(session.getUserProperties()),
                projectPresent() ? SettingsResolver.asMap(project.getProperties()) : Map.of(), System.getenv()).resolve();
    }

    /** True when Maven runs in a project (the goals also run without one, requiresProject = false). */
    protected boolean projectPresent() {
        return project != null && session.getRequest().isProjectPresent();
    }

    HostEnvironment hostEnvironment() {
        Path basedir = projectPresent() ? project.getBasedir().toPath()
                : Paths.get(session.getRequest().getBaseDirectory() != null
                        ? session.getRequest().getBaseDirectory() : System.getProperty("user.dir"));
        Path defaultOutput = projectPresent()
                ? Paths.get(project.getBuild().getDirectory()).resolve("kvmboot")
                : basedir.resolve("kvmboot-out");
        return HostEnvironment.current(basedir.toAbsolutePath(), defaultOutput.toAbsolutePath());
    }

    /** The settings given in this goal's {@code <configuration>}: fields named after the setting. */
    Map<String, String> pluginConfiguration() {
        Map<String, String> configured = new HashMap<>();
        for (Setting setting : Setting.forGoal(goal)) {
            Field field = field(setting);
            try {
                field.setAccessible(true);
                Object value = field.get(this);
                if (value != null) {
                    configured.put(setting.parameterName(), value.toString());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return configured;
    }

    private Field field(Setting setting) {
        for (Class<?> type = getClass(); type != AbstractMojo.class; type = type.getSuperclass()) {
            try {
                return type.getDeclaredField(setting.parameterName());
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException(getClass().getSimpleName() + " (" + goal.goalName()
                + ") has no configuration field for " + setting.canonicalProperty());
    }

    /** Publishes a value for later plugins in the same build (e.g. {@code kvmboot.pty.ttyS1}). */
    protected void publishProperty(String name, String value) {
        if (projectPresent()) {
            project.getProperties().setProperty(name, value);
        }
    }
}
