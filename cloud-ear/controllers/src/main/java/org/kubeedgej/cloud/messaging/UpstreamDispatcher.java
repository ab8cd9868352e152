package org.kubeedgej.cloud.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * Hands each upstream message to the controllers as an {@link EdgeMessageEvent}; each controller observes it and
 * takes the resource types it owns (KubeEdge routes by source and type the same way). A message no controller takes is
 * logged, naming the node and type, so a missing handler is visible.
 */
@ApplicationScoped
public class UpstreamDispatcher {

    private static final Logger LOG = Logger.getLogger(UpstreamDispatcher.class.getName());

    private final MessageCodec codec = MessageCodec.create();

    @Inject
    Event<EdgeMessageEvent> edgeMessages;

    @Inject
    BeanManager beanManager;

    void dispatch(@Observes UpstreamMessageReceived received) {
        Message message = codec.decode(received.messageJson());
        EdgeMessageEvent event = new EdgeMessageEvent(received.nodeId(), message);
        if (beanManager.resolveObserverMethods(event).isEmpty()) {
            LOG.info(() -> "no controller handles " + message.route().operation() + " of " + typeOf(message)
                    + " from edge node " + received.nodeId() + " yet; message dropped");
            return;
        }
        edgeMessages.fire(event);
        LOG.fine(() -> "upstream " + message.route().operation() + " of " + typeOf(message) + " from edge node "
                + received.nodeId() + " dispatched");
    }

    private static String typeOf(Message message) {
        try {
            return ResourcePath.parseCloud(message.route().resource()).type();
        } catch (IllegalArgumentException e) {
            return message.route().resource();
        }
    }
}
