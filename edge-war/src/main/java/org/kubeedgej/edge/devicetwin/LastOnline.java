package org.kubeedgej.edge.devicetwin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** KubeEdge's last_online format: Go's "2006-01-02 15:04:05", here in UTC. */
final class LastOnline {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private LastOnline() {
        throw new AssertionError();
    }

    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
