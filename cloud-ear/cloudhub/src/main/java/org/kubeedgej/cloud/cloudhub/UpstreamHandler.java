package org.kubeedgej.cloud.cloudhub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeAckEvent;
import org.kubeedgej.cloud.messaging.UpstreamQueue;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.MessageFormatException;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * What CloudHub does with each whole message from an edge node: decode, pass acks on, throttle the rest
 * (messageQPS/messageBurst), then keepalives only refresh the session, acks go to delivery, and everything else goes on the upstream queue
 * to the controllers with its resource put back in the cloud form (KubeEdge's PubToController). A bad message gets an {@code error}
 * reply and a log line naming the node; the session stays open.
 */
@ApplicationScoped
public class UpstreamHandler {

    private static final Logger LOG = Logger.getLogger(UpstreamHandler.class.getName());
    private static final String ERROR_RESOURCE = "error";

    private final MessageCodec codec = MessageCodec.create();

    @Inject
    UpstreamQueue upstream;

    @Inject
    Event<EdgeAckEvent> acks;

    @Inject
    CloudHubMetrics metrics;

    void handle(NodeSession node, String text) {
        node.touch();
        metrics.received();
        Message message;
        try {
            message = codec.decode(text);
        } catch (MessageFormatException e) {
            LOG.warning(() -> "malformed message from edge node " + node.nodeId() + " dropped: " + e.getMessage());
            reply(node, "malformed message: " + e.getMessage());
            return;
        }
        String operation = message.route().operation();
        // Acks are exempt from the rate limit: they answer what the cloud sent, and dropping them only makes the
        // cloud send again (the benchmark showed the resulting resend storm).
        if (message.header().hasParentId()
                && (Operations.RESPONSE.equals(operation) || Operations.ERROR.equals(operation))) {
            acks.fire(new EdgeAckEvent(node.nodeId(), message.header().parentId(), Operations.ERROR.equals(operation)));
            return;
        }
        if (!node.tryAcquire()) {
            if (node.shouldLogThrottle()) {
                LOG.warning(() -> "edge node " + node.nodeId() + " exceeds its message rate (modules.cloudHub."
                        + "nodeMessageQPS/nodeMessageBurst); dropping its messages until it slows down");
            }
            reply(node, "rate limit exceeded; message dropped, send it again later");
            return;
        }
        if (Operations.KEEPALIVE.equals(operation)) {
            return;
        }
        Message cloudForm = message.withRoute(message.route().withResource(
                ResourcePath.addNodePrefix(node.nodeId(), message.route().resource())));
        try {
            upstream.send(node.nodeId(), codec.encodeToString(cloudForm));
        } catch (IllegalStateException e) {
            LOG.warning(() -> "message " + message.header().id() + " from edge node " + node.nodeId()
                    + " not passed on: " + e.getMessage());
            reply(node, "cloudcore cannot take the message now; send it again later");
        }
    }

    private void reply(NodeSession node, String reason) {
        metrics.refused();
        Message error = Message.newRequest(Groups.CLOUDHUB, Groups.RESOURCE, Operations.ERROR, ERROR_RESOURCE,
                Message.textContent(reason));
        node.send(codec.encodeToString(error));
    }
}
