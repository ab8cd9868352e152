package org.kubeedgej.edge.edged;

import java.time.Instant;
import java.time.format.DateTimeParseException;

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
        KubeletQuery query = KubeletQuery.parse(rawQuery);
        Instant since = null;
        if (query.has("sinceSeconds")) {
            long seconds = query.number("sinceSeconds");
            if (seconds < 1) {
                throw new IllegalArgumentException("sinceSeconds must be greater than 0");
            }
            since = now.minusSeconds(seconds);
        } else if (query.has("sinceTime")) {
            try {
                since = Instant.parse(query.get("sinceTime"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("sinceTime is not an RFC 3339 time: " + query.get("sinceTime"));
            }
        }
        long tail = query.has("tailLines") ? query.number("tailLines") : -1;
        long limit = query.has("limitBytes") ? query.number("limitBytes") : -1;
        if (query.has("limitBytes") && limit < 1) {
            throw new IllegalArgumentException("limitBytes must be greater than 0");
        }
        return new ContainerLogRequest(KubeletQuery.decode(parts[0]), KubeletQuery.decode(parts[1]),
                KubeletQuery.decode(parts[2]), query.flag("follow"),
                query.flag("previous"), (int) Math.max(-1, Math.min(tail, Integer.MAX_VALUE)), since,
                query.flag("timestamps"), limit);
    }

    String podKey() {
        return namespace + "/" + pod;
    }
}
