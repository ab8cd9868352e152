package org.kubeedgej.cloud.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * Hands each upstream message to the controllers as an {@link EdgeMessageEvent}; each controller observes it and
 * takes the resource types it owns (KubeEdge routes by source and type the same way). A message no controller takes
 * (an unknown group, resource type or operation) is answered with a 404 Status naming what was not understood, so
 * the edge's module stops waiting, and logged with the node: once per node and route at WARNING, later at FINE.
 */
@ApplicationScoped
public class UpstreamDispatcher {

    private static final Logger LOG = Logger.getLogger(UpstreamDispatcher.class.getName());
    private static final int NOT_FOUND = 404;
    /** Bounds the memory of which unknown routes were logged; an edge cannot grow it past this. */
    private static final int LOGGED_ROUTES_LIMIT = 1024;

    private final MessageCodec codec = MessageCodec.create();
    private final Set<String> loggedRoutes = ConcurrentHashMap.newKeySet();

    @Inject
    Event<EdgeMessageEvent> edgeMessages;

    @Inject
    EdgeReplies replies;

    void dispatch(@Observes UpstreamMessageReceived received) {
        Message message = codec.decode(received.messageJson());
        EdgeMessageEvent event = new EdgeMessageEvent(received.nodeId(), message);
        edgeMessages.fire(event);
        if (!event.taken()) {
            refuseUnknown(event);
            return;
        }
        LOG.fine(() -> "upstream " + message.route().operation() + " of " + typeOf(message) + " from edge node "
                + received.nodeId() + " dispatched");
    }

    private void refuseUnknown(EdgeMessageEvent event) {
        Message message = event.message();
        String what = message.route().operation() + " of " + typeOf(message) + " (group " + message.route().group()
                + ", source " + message.route().source() + ")";
        String reason = "CloudCore has no module for " + what + "; the message was dropped";
        if (loggedRoutes.size() >= LOGGED_ROUTES_LIMIT) {
            loggedRoutes.clear();
        }
        Level level = loggedRoutes.add(event.nodeId() + "\u0000" + what) ? Level.WARNING : Level.FINE;
        LOG.log(level, () -> "edge node " + event.nodeId() + " sent " + what + ", which no CloudCore module handles;"
                + " answered 404 and dropped (an edge newer than this CloudCore, or a module not enabled here?)");
        String operation = message.route().operation();
        // Queries and deletes are answered with the bare error, everything else as an ObjectResp (as KubeEdge does).
        boolean wrapped = !Operations.QUERY.equals(operation) && !Operations.DELETE.equals(operation);
        replies.error(event.nodeId(), message, EdgeReplies.status(NOT_FOUND, "NotFound", reason), wrapped);
    }

    private static String typeOf(Message message) {
        try {
            return ResourcePath.parseCloud(message.route().resource()).type();
        } catch (IllegalArgumentException e) {
            return message.route().resource();
        }
    }
}
