package org.kubeedgej.edge.metaserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The query parameters of a get, list or watch that MetaServer honours: {@code watch}, {@code resourceVersion},
 * {@code labelSelector}, {@code fieldSelector}, {@code timeoutSeconds}, {@code allowWatchBookmarks} and
 * {@code sendInitialEvents}. Others ({@code limit}, {@code pretty}, {@code resourceVersionMatch}, ...) are accepted
 * and ignored: a list is always complete and current, which the API server's rules allow.
 *
 * @param watch whether to watch instead of list
 * @param resourceVersion the resourceVersion to watch from; empty for none or "0" (start from the current state)
 * @param labels the label selector
 * @param fields the field selector
 * @param timeoutSeconds how long the client wants its watch to last, 0 for the server's choice
 * @param allowBookmarks whether the client accepts BOOKMARK events
 * @param sendInitialEvents whether the client asked for the current state first (and a bookmark after it)
 */
record ListOptions(boolean watch, OptionalLong resourceVersion, LabelSelector labels, FieldSelector fields,
        int timeoutSeconds, boolean allowBookmarks, boolean sendInitialEvents) {

    /**
     * @param resource the resource asked for (field selectors depend on it)
     * @param rawQuery the request's raw query string, may be null
     * @return the options
     * @throws IllegalArgumentException if a parameter has a value the API server would refuse; the message says which
     */
    static ListOptions parse(KubeResource resource, String rawQuery) {
        Map<String, String> query = decode(rawQuery);
        return new ListOptions(bool(query, "watch"), resourceVersion(query.get("resourceVersion")),
                LabelSelector.parse(query.get("labelSelector")), FieldSelector.parse(query.get("fieldSelector"),
                resource), timeout(query.get("timeoutSeconds")), bool(query, "allowWatchBookmarks"),
                bool(query, "sendInitialEvents"));
    }

    /** @return whether the watch starts with the current state as ADDED events (else it resumes from a version) */
    boolean startsFromCurrentState() {
        return resourceVersion.isEmpty() || sendInitialEvents;
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    /**
     * As the API server converts query booleans: absent is false, {@code false} and {@code 0} (any case) are false,
     * anything else (also an empty value) is true.
     */
    private static boolean bool(Map<String, String> query, String name) {
        String value = query.get(name);
        return value != null && !"false".equalsIgnoreCase(value) && !"0".equals(value);
    }

    private static OptionalLong resourceVersion(String value) {
        if (value == null || value.isEmpty() || "0".equals(value)) {
            return OptionalLong.empty();
        }
        try {
            long version = Long.parseLong(value);
            if (version > 0) {
                return OptionalLong.of(version);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("resourceVersion=" + value + " is not a resource version MetaServer"
                + " issued (a positive number)");
    }

    private static int timeout(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("timeoutSeconds=" + value + " is not a number of seconds");
    }
}
