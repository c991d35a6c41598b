package io.github.kvmboot.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kvmboot's JSON without an ObjectMapper: what it parses and writes is what Jackson's own mapper reads and writes. */
class JsonTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void parsesQmpMessagesIntoTheTreeJacksonWouldBuild() throws Exception {
        String[] messages = {
            "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}, \"package\": \"Debian 1:7.2\"},"
                    + " \"capabilities\": [\"oob\"]}}",
            "{\"timestamp\": {\"seconds\": 1733068800, \"microseconds\": 123456}, \"event\": \"SUSPEND_DISK\"}",
            "{\"return\": [{\"frontend-open\": false, \"filename\": \"pty:/dev/pts/3\", \"label\": \"ttyS1\"}], \"id\": 7}",
            "{\"return\": {\"virtual-size\": 10737418240, \"ratio\": 0.25, \"big\": 123456789012345678901234567890,"
                    + " \"none\": null, \"esc\": \"a\\\"b\\u00e9\\n\"}}",
            "[1, -2, 3.5e3, true, false, \"\"]"};
        for (String message : messages) {
            assertEquals(JACKSON.readTree(message), Json.parse(message), message);
        }
        JsonNode event = Json.parse(messages[1]);
        assertEquals(123456, event.path("timestamp").path("microseconds").asLong());
        assertEquals("SUSPEND_DISK", event.path("event").asText());
    }

    @Test
    void malformedInputIsAnIOException() {
        for (String bad : new String[] {"", "{\"a\": }", "{\"a\": 1} trailing", "[1, 2"}) {
            assertThrows(IOException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void writesMapsListsOptionalsAndNodesAsJacksonReadsThem() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("execute", "dump-guest-memory");
        value.put("arguments", Map.of("paging", false, "protocol", "file:/out/vm,core"));
        value.put("id", 42L);
        value.put("excerpt", List.of("  1 | [    0.0] Linux version \"6.1\"", "\u001b tab\there"));
        value.put("exitCode", Optional.empty());
        value.put("seconds", 1.25);
        value.put("node", Json.parse("{\"x\": [1, {\"y\": null}]}"));
        value.put("outcome", java.time.DayOfWeek.MONDAY);
        String compact = Json.write(value);
        assertTrue(compact.startsWith("{\"execute\":\"dump-guest-memory\",") && !compact.contains("\n"), compact);
        JsonNode back = JACKSON.readTree(compact);
        assertEquals(JACKSON.valueToTree(Map.of("paging", false, "protocol", "file:/out/vm,core")), back.get("arguments"));
        assertEquals(42, back.get("id").asLong());
        assertEquals("\u001b tab\there", back.get("excerpt").get(1).asText());
        assertTrue(back.get("exitCode").isNull());
        assertEquals(1.25, back.get("seconds").asDouble());
        assertEquals(JACKSON.readTree("{\"x\": [1, {\"y\": null}]}"), back.get("node"));
        assertEquals("MONDAY", back.get("outcome").asText());
        assertEquals(back, JACKSON.readTree(Json.pretty(value)));

        Path file = dir.resolve("result.json");
        Json.writePretty(file, value);
        assertTrue(Files.readString(file).contains("\n  \"execute\" : \"dump-guest-memory\""), Files.readString(file));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("path", Path.of("/x"))),
                "a type it does not know is refused, not written as something else");
    }
}
