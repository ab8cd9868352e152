package org.kubeedgej.shared.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as KubeEdge's YAML writes them (Go's {@code time.Duration} text: "4h0m0s", "30s", "1m30s",
 * "500ms"), so an edgecore.yaml or cloudcore.yaml value can be used as it is. A bare number is seconds.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

    private GoDuration() {
    }

    /** @throws IllegalArgumentException naming the value and the expected form */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(value));
        }
        Matcher part = PART.matcher(value);
        long nanos = 0;
        int at = 0;
        while (at < value.length() && part.find(at) && part.start() == at) {
            double amount = Double.parseDouble(part.group(1));
            nanos += (long) (amount * switch (part.group(2)) {
                case "h" -> 3_600_000_000_000d;
                case "m" -> 60_000_000_000d;
                case "s" -> 1_000_000_000d;
                case "ms" -> 1_000_000d;
                case "us", "µs" -> 1_000d;
                default -> 1d;
            });
            at = part.end();
        }
        if (value.isEmpty() || at != value.length()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; write it as Go does, e.g. 4h0m0s,"
                    + " 90s or 500ms");
        }
        return Duration.ofNanos(nanos);
    }
}
