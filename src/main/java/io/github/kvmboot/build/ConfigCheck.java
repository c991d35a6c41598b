package io.github.kvmboot.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares what the fragments asked for with the .config that olddefconfig produced. */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /**
     * @param fragments fragment name to its requests, in merge order (a later fragment wins)
     * @param result the final .config
     */
    public static List<UnsatisfiedOption> unsatisfied(Map<String, Map<String, String>> fragments,
            Map<String, String> result) {
        Map<String, String[]> requested = new LinkedHashMap<>();
        fragments.forEach((name, values) -> values.forEach((symbol, value) -> {
            requested.remove(symbol);
            requested.put(symbol, new String[] {value, name});
        }));
        List<UnsatisfiedOption> missing = new ArrayList<>();
        requested.forEach((symbol, request) -> {
            String actual = result.get(symbol);
            if (!UnsatisfiedOption.satisfied(request[0], actual)) {
                missing.add(new UnsatisfiedOption(symbol, request[0], actual, request[1]));
            }
        });
        return missing;
    }
}
