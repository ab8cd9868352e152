package org.kubeedgej.devapiserver;

import tools.jackson.databind.node.ObjectNode;

/** A request the server refuses: carries the Status to answer, so checks deep in a request can end it in one place. */
final class StatusException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ObjectNode status;

    StatusException(ObjectNode status) {
        super(status.path("message").asString(), null, false, false);
        this.status = status;
    }

    ObjectNode status() {
        return status;
    }
}
