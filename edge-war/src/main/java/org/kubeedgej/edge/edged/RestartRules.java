package org.kubeedgej.edge.edged;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The kubelet's restartPolicy and crash back-off: 10 s, doubling per restart, at most 5 minutes. */
final class RestartRules {

    static final Duration INITIAL_BACK_OFF = Duration.ofSeconds(10);
    static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

    private RestartRules() {
        throw new AssertionError();
    }

    /** @return whether a terminated container is to run again under this restart policy */
    static boolean shouldRestart(String restartPolicy, ContainerState terminated) {
        return switch (restartPolicy) {
            case "Never" -> false;
            case "OnFailure" -> terminated.exitCode() != 0;
            default -> true;
        };
    }

    /** @return how long to wait after a container with this many restarts terminated */
    static Duration backOff(int restartCount) {
        int doublings = Math.min(restartCount, 10); // 10 s * 2^5 already exceeds the cap
        Duration d = INITIAL_BACK_OFF.multipliedBy(1L << doublings);
        return d.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : d;
    }

    /**
     * @return the time left before the container may be restarted, zero if it may now. Counted from Docker's
     *         finishedAt, so the back-off survives an edgecore restart.
     */
    static Duration remaining(ContainerState terminated, Instant now) {
        Instant finished;
        try {
            finished = terminated.finishedAt() == null ? now : Instant.parse(terminated.finishedAt());
        } catch (DateTimeParseException e) {
            finished = now;
        }
        Duration left = Duration.between(now, finished.plus(backOff(terminated.restartCount())));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
