package org.kubeedgej.edge.edged;

/** Where edged's parts record what the kubelet reports as Events ({@link EventRecorder} in the server). */
@FunctionalInterface
interface EventSink {

    /** Records nothing: for parts built without events (unit tests). */
    EventSink NONE = (object, type, reason, message) -> { };

    /**
     * @param object what it is about
     * @param type Normal or Warning
     * @param reason the kubelet's reason
     * @param message the kubelet's message
     */
    void record(EventReference object, String type, String reason, String message);
}
