package org.kubeedgej.edge.edged;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The query of a kubelet request as the API server sends it: names may repeat ({@code command=sh&command=-c}), a flag
 * is on when it is present empty, "true" or "1" (the API server writes "1" for exec's, "true" for logs').
 */
final class KubeletQuery {

    private final Map<String, List<String>> values;

    private KubeletQuery(Map<String, List<String>> values) {
        this.values = values;
    }

    static KubeletQuery parse(String raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new KubeletQuery(values);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** @return the first value, or null */
    String get(String name) {
        List<String> all = values.get(name);
        return all == null ? null : all.get(0);
    }

    List<String> all(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    boolean flag(String name) {
        String value = get(name);
        return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
    }

    /** @throws IllegalArgumentException naming the parameter when it is not a number */
    long number(String name) {
        try {
            return Long.parseLong(get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + get(name));
        }
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
