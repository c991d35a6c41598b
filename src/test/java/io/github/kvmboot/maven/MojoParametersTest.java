package io.github.kvmboot.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.maven.plugin.AbstractMojo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.kvmboot.config.Goal;
import io.github.kvmboot.config.Setting;

/**
 * Every goal's mojo has a String configuration field for exactly the settings that goal reads
 * ({@link Setting#forGoal}): each can be given in the plugin {@code <configuration>}, and none is
 * accepted there only to be ignored. (@Parameter has class retention, so the generated plugin.xml,
 * checked by MojoWiringTest, is what shows the fields are parameters without a {@code property}.)
 */
class MojoParametersTest {

    private static final Map<Goal, Class<? extends AbstractKvmbootMojo>> MOJOS = Map.of(
            Goal.BOOT, BootMojo.class,
            Goal.INSTALL_GUEST, InstallGuestMojo.class,
            Goal.SETUP_SWITCH, SetupSwitchMojo.class,
            Goal.KERNEL_CONFIG, KernelConfigMojo.class,
            Goal.BUILD, BuildMojo.class,
            Goal.WAKEUP, WakeupMojo.class,
            Goal.START, StartMojo.class,
            Goal.STOP, StopMojo.class,
            Goal.QMP, QmpMojo.class);

    @Test
    void everyGoalHasAMojo() {
        assertEquals(EnumSet.allOf(Goal.class), EnumSet.copyOf(MOJOS.keySet()));
    }

    @ParameterizedTest
    @EnumSource(Goal.class)
    void theMojoKnowsItsGoal(Goal goal) throws ReflectiveOperationException {
        assertEquals(goal, MOJOS.get(goal).getConstructor().newInstance().goal());
    }

    @ParameterizedTest
    @EnumSource(Goal.class)
    void theMojoHasAStringFieldForEverySettingOfItsGoal(Goal goal) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.forGoal(goal)) {
            Field field = field(MOJOS.get(goal), setting.parameterName());
            if (field == null) {
                problems.add(setting + ": no field '" + setting.parameterName() + "'");
            } else if (field.getType() != String.class) {
                problems.add(setting + ": field is " + field.getType().getSimpleName() + ", not String");
            }
        }
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @EnumSource(Goal.class)
    void theMojoHasNoFieldForSettingsItsGoalIgnores(Goal goal) {
        List<String> extra = new ArrayList<>();
        for (Setting setting : EnumSet.complementOf(EnumSet.copyOf(Setting.forGoal(goal)))) {
            if (field(MOJOS.get(goal), setting.parameterName()) != null) {
                extra.add(setting.toString());
            }
        }
        assertEquals(List.of(), extra, goal.goalName() + " would accept these in <configuration> and ignore them");
    }

    /** A String field that is no setting would be a parameter that SettingsResolver never sees. */
    @ParameterizedTest
    @EnumSource(Goal.class)
    void everyStringFieldOfTheMojoIsASettingOfItsGoal(Goal goal) {
        Set<String> settingNames = new TreeSet<>();
        Setting.forGoal(goal).forEach(s -> settingNames.add(s.parameterName()));
        Set<String> stringFields = new TreeSet<>();
        for (Class<?> c = MOJOS.get(goal); c != AbstractMojo.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == String.class && !Modifier.isStatic(field.getModifiers())) {
                    stringFields.add(field.getName());
                }
            }
        }
        assertEquals(settingNames, stringFields);
    }

    @Test
    void guestGoalsShareTheirMachineSettings() {
        assertEquals(List.of(), missing(InstallGuestMojo.class, Setting.MEMORY, Setting.TARGET, Setting.ISO,
                Setting.VDE_SOCKET, Setting.SKIP, Setting.EXPLAIN, Setting.OUTPUT_DIRECTORY));
        assertEquals(List.of(), missing(BootMojo.class, Setting.KERNEL, Setting.MEMORY, Setting.EXEC, Setting.KTAP));
        assertEquals(List.of(), missing(SetupSwitchMojo.class, Setting.NETMASK, Setting.VDE_SOCKET, Setting.DRY_RUN));
        assertEquals(List.of(), missing(KernelConfigMojo.class, Setting.KERNEL_TREE, Setting.BASE_CONFIG, Setting.JOBS));
        assertEquals(List.of(), missing(BuildMojo.class, Setting.KERNEL_TREE, Setting.BUILD_MODULES, Setting.LLVM));
    }

    private static List<Setting> missing(Class<?> mojo, Setting... settings) {
        List<Setting> missing = new ArrayList<>();
        for (Setting setting : settings) {
            if (field(mojo, setting.parameterName()) == null) {
                missing.add(setting);
            }
        }
        return missing;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // superclass
            }
        }
        return null;
    }
}
