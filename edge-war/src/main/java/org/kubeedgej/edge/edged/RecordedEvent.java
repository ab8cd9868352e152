package org.kubeedgej.edge.edged;

/**
 * One occurrence the kubelet would record, before correlation gives it a name and a count.
 *
 * @param object what it is about
 * @param type Normal or Warning
 * @param reason the kubelet's reason, e.g. BackOff
 * @param message the kubelet's message
 */
record RecordedEvent(EventReference object, String type, String reason, String message) {

    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";

    RecordedEvent withMessage(String other) {
        return new RecordedEvent(object, type, reason, other);
    }
}
