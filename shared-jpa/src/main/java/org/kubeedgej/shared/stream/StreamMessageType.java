package org.kubeedgej.shared.stream;

import java.util.Optional;

/** KubeEdge's stream message types, in the order (and so with the codes) of its {@code pkg/stream/constants.go}. */
public enum StreamMessageType {
    LOGS_CONNECT,
    EXEC_CONNECT,
    METRIC_CONNECT,
    DATA,
    REMOVE_CONNECT,
    CLOSE_CONNECT,
    ATTACH_CONNECT;

    private static final StreamMessageType[] BY_CODE = values();

    public long code() {
        return ordinal();
    }

    public static Optional<StreamMessageType> of(long code) {
        return code >= 0 && code < BY_CODE.length ? Optional.of(BY_CODE[(int) code]) : Optional.empty();
    }
}
