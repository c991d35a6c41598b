package io.github.kvmboot.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.github.kvmboot.boot.BootPlan;
import io.github.kvmboot.config.ResolvedSettings;
import io.github.kvmboot.config.SettingException;
import io.github.kvmboot.config.SettingsResolver;
import io.github.kvmboot.qemu.PortForward;

/** kvmboot.waitFor against a planned guest that forwards guest port 8080 from host port 40000. */
class WaitForTest {

    private static final BootPlan PLAN = new BootPlan(null, List.of(), List.of(new PortForward(40000, 8080)),
            OptionalInt.of(40001));

    private static List<WaitFor> parse(String value) throws SettingException {
        ResolvedSettings s = new SettingsResolver(Map.of(), Map.of("kvmboot.waitFor", value), Map.of(), Map.of()).resolve();
        return WaitFor.parse(s, PLAN);
    }

    private static String error(String value) {
        SettingException e = assertThrows(SettingException.class, () -> parse(value));
        String message = e.getMessage();
        assertTrue(message.startsWith("kvmboot.waitFor = '" + value + "' (from -Dkvmboot.waitFor on the command line): "),
                message);
        assertTrue(message.matches("(?s).*: .+\\. Fix: .+\\."), message);
        return message;
    }

    @Test
    void unsetMeansQemuRunning() throws Exception {
        ResolvedSettings s = new SettingsResolver(Map.of(), Map.of(), Map.of(), Map.of()).resolve();
        assertEquals(List.of(new WaitFor.QmpRunning()), WaitFor.parse(s, PLAN));
    }

    @Test
    void severalConditionsAndACommaInsideARegex() throws Exception {
        List<WaitFor> conditions = parse("console:ready (a,b),tcp:8080, qmp:running");
        assertEquals(3, conditions.size(), conditions::toString);
        assertEquals("ready (a,b)", assertInstanceOf(WaitFor.Console.class, conditions.get(0)).pattern().pattern());
        assertEquals(new WaitFor.Tcp(8080, 40000, 40001), conditions.get(1));
        assertEquals(new WaitFor.QmpRunning(), conditions.get(2));
    }

    @Test
    void anUnknownFormIsNamed() {
        assertTrue(error("http:8080").contains("`http:8080` is not a condition kvmboot knows"));
        assertTrue(error("qmp:paused").contains("`qmp:paused` is not a condition kvmboot knows"));
        assertTrue(error("tcp:80a").contains("`tcp:80a` is not a condition kvmboot knows"));
    }

    @Test
    void aTcpPortThatIsNotForwarded() {
        String message = error("tcp:9999");
        assertTrue(message.contains("guest port 9999 is not forwarded"), message);
        assertTrue(message.contains("add tcp:9999 to kvmboot.forward"), message);
    }

    @Test
    void anInvalidConsoleRegex() {
        assertTrue(error("console:ready (").contains("is not a valid regular expression"));
    }
}
