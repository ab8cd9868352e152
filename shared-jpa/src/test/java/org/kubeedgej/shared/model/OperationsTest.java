package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

public final class OperationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"insert", "update", "patch", "delete", "query", "response", "error", "upload",
            "keepalive", "unhold-upgrade", "publish", "subscribe", "unsubscribe", "message", "get_result", "connected",
            "disconnected", "get", "delta", "document", "connect", "start", "stop", "upgrade", "POST"})
    void isKnownReturnsTrueForKubeEdgeOperations(final String operation) {
        assertTrue(Operations.isKnown(operation));
    }

    @Test
    void isKnownReturnsFalseForOthers() {
        assertFalse(Operations.isKnown(null));
        assertFalse(Operations.isKnown(""));
        assertFalse(Operations.isKnown("Insert"));
        assertFalse(Operations.isKnown("frobnicate"));
    }

    @Test
    void knownListIsSorted() {
        assertTrue(Operations.knownList().indexOf("delete") < Operations.knownList().indexOf("insert"));
        assertTrue(Operations.known().contains(Operations.UNHOLD_UPGRADE));
    }
}
