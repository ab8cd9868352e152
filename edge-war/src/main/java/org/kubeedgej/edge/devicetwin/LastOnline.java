package org.kubeedgej.edge.devicetwin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** KubeEdge's last_online format: RFC 3339 in UTC to the second ({@code time.RFC3339}), e.g. 2024-05-01T10:00:00Z. */
final class LastOnline {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private LastOnline() {
        throw new AssertionError();
    }

    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
