package org.kubeedgej.edge.edged;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's {@code GET /containerLogs/<namespace>/<pod>/<container>} with its PodLogOptions query (follow,
 * previous, tailLines, sinceSeconds, sinceTime, timestamps, limitBytes), as the API server sends it.
 *
 * @param tailLines lines from the end, or -1 for all
 * @param since the earliest log time, or null for all
 * @param limitBytes the most bytes to send, or -1 for no limit
 */
public record ContainerLogRequest(String namespace, String pod, String container, boolean follow, boolean previous,
        int tailLines, Instant since, boolean timestamps, long limitBytes) {

    static final String PREFIX = "/containerLogs/";

    /** @throws IllegalArgumentException naming what is wrong, in the kubelet's words where it has them */
    public static ContainerLogRequest parse(String path, String rawQuery, Instant now) {
        if (!path.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a container log path: " + path);
        }
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("expected " + PREFIX + "<namespace>/<pod>/<container>, not " + path);
        }
        Map<String, String> query = query(rawQuery);
        Instant since = null;
        if (query.containsKey("sinceSeconds")) {
            long seconds = number(query, "sinceSeconds");
            if (seconds < 1) {
                throw new IllegalArgumentException("sinceSeconds must be greater than 0");
            }
            since = now.minusSeconds(seconds);
        } else if (query.containsKey("sinceTime")) {
            try {
                since = Instant.parse(query.get("sinceTime"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("sinceTime is not an RFC 3339 time: " + query.get("sinceTime"));
            }
        }
        long tail = query.containsKey("tailLines") ? number(query, "tailLines") : -1;
        long limit = query.containsKey("limitBytes") ? number(query, "limitBytes") : -1;
        if (query.containsKey("limitBytes") && limit < 1) {
            throw new IllegalArgumentException("limitBytes must be greater than 0");
        }
        return new ContainerLogRequest(decode(parts[0]), decode(parts[1]), decode(parts[2]), flag(query, "follow"),
                flag(query, "previous"), (int) Math.max(-1, Math.min(tail, Integer.MAX_VALUE)), since,
                flag(query, "timestamps"), limit);
    }

    String podKey() {
        return namespace + "/" + pod;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            query.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return query;
    }

    private static boolean flag(Map<String, String> query, String name) {
        String value = query.get(name);
        return value != null && (value.isEmpty() || value.equals("true") || value.equals("1"));
    }

    private static long number(Map<String, String> query, String name) {
        try {
            return Long.parseLong(query.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + query.get(name));
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
