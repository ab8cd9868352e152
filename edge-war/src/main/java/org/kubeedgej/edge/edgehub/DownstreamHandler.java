package org.kubeedgej.edge.edgehub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.logging.Logger;
import org.kubeedgej.edge.devicetwin.CloudTwinSync;
import org.kubeedgej.edge.metamanager.MetaManager;
import org.kubeedgej.edge.servicebus.ServiceBusRequestHandler;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;
import org.kubeedgej.shared.model.MessageFormatException;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * What the edge does with each message from CloudHub: decode it, let MetaManager store it, and only then send the
 * ack (a response whose parent_msg_id is the message's id), so the cloud resends anything the edge did not keep.
 * The cloud's answers to this edge's ConfigMap/Secret queries come the same reliable way: a {@code response} is
 * stored like an update, an {@code error} (or KubeEdge's {@code response} carrying {"ErrStatus": ...}) is passed on as
 * a {@link CloudQueryRefusedEvent}; both are acked. Other answers go to the module that asked, as a
 * {@link CloudReplyEvent}.
 */
@ApplicationScoped
public class DownstreamHandler {

    private static final Logger LOG = Logger.getLogger(DownstreamHandler.class.getName());

    private static final int REMEMBERED_IDS = 10_000;
    private static final String ERR_STATUS = "ErrStatus";

    private final MessageCodec codec = MessageCodec.create();
    private final RecentMessageIds applied = new RecentMessageIds(REMEMBERED_IDS);

    @Inject
    MetaManager metaManager;

    @Inject
    CloudTwinSync deviceTwin;

    @Inject
    ServiceBusRequestHandler serviceBus;

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    Event<CloudQueryRefusedEvent> refusedQueries;

    @Inject
    Event<CloudReplyEvent> replies;

    void handle(String text) {
        Message message;
        try {
            message = codec.decode(text);
        } catch (MessageFormatException e) {
            LOG.warning(() -> "malformed message from cloudhub dropped: " + e.getMessage());
            return;
        }
        String operation = message.route().operation();
        boolean answer = Operations.ERROR.equals(operation) || Operations.RESPONSE.equals(operation);
        if (answer && isConfigSourceAnswer(message)) {
            applyQueryAnswer(message);
            return;
        }
        if (answer) {
            LOG.fine(() -> "cloudhub answered " + operation + " to " + message.header().parentId() + ": "
                    + message.content());
            replies.fire(new CloudReplyEvent(message));
            // KubeEdge's CloudHub keeps some answers (those carrying an object) until the edge acknowledges them,
            // as KubeEdge's MetaManager does for every answer it receives; a plain "OK" is never tracked.
            if (Operations.RESPONSE.equals(operation) && !isPlainOk(message)) {
                edgeHub.send(message.newAck());
            }
            return;
        }
        // ServiceBus traffic (a <port>:<path> request, or a servicebus rule start/stop) is no-ack in KubeEdge:
        // ServiceBus's HTTPResponse is the answer, and an "OK" ack with the same parent_msg_id would race with it.
        if (serviceBus.handles(message)) {
            serviceBus.handle(message);
            return;
        }
        String id = message.header().id();
        if (applied.contains(id)) {
            LOG.fine(() -> "message " + id + " was sent again by cloudhub; acknowledging without applying it twice");
            edgeHub.send(message.newAck());
            return;
        }
        // Device membership and desired twins belong to DeviceTwin; every other object to MetaManager.
        boolean kept = Groups.TWIN.equals(message.route().group()) ? deviceTwin.apply(message)
                : metaManager.store(message);
        if (kept) {
            applied.add(id);
            edgeHub.send(message.newAck());
        }
    }

    /** A response or error about {@code <ns>/configmap/<name>} or {@code <ns>/secret/<name>}: a query's answer. */
    private static boolean isConfigSourceAnswer(Message message) {
        try {
            String type = ResourcePath.parseEdge(message.route().resource()).type();
            return ResourceTypes.CONFIGMAP.equals(type) || ResourceTypes.SECRET.equals(type);
        } catch (MessageFormatException notAnObject) {
            return false;
        }
    }

    private static boolean isPlainOk(Message message) {
        return message.content() instanceof JsonString s && Message.ACK_CONTENT.equals(s.getString());
    }

    /** KubeEdge's cloud answers a failed query with a {@code response} holding Go's StatusError, {"ErrStatus": ...}. */
    private static boolean isStatusError(Message message) {
        return message.content().getValueType() == JsonValue.ValueType.OBJECT
                && message.content().asJsonObject().containsKey(ERR_STATUS);
    }

    private static String statusMessage(JsonValue content) {
        if (content.getValueType() == JsonValue.ValueType.OBJECT
                && content.asJsonObject().get(ERR_STATUS) instanceof JsonObject status) {
            return status.getString("message", status.toString());
        }
        return content.toString();
    }

    private void applyQueryAnswer(Message message) {
        String id = message.header().id();
        String resource = message.route().resource();
        boolean kept = applied.contains(id);
        boolean refused = Operations.ERROR.equals(message.route().operation()) || isStatusError(message);
        if (!kept && !refused) {
            kept = metaManager.store(message.withRoute(message.route().withOperation(Operations.UPDATE)));
            LOG.fine(() -> "the cloud answered the query of " + resource + "; stored");
        } else if (!kept) {
            String reason = message.content().getValueType() == JsonValue.ValueType.STRING
                    ? message.contentString() : statusMessage(message.content());
            LOG.warning(() -> "the cloud refused the query of " + resource + ": " + reason);
            refusedQueries.fire(new CloudQueryRefusedEvent(resource, reason));
            kept = true;
        }
        if (kept) {
            applied.add(id);
            edgeHub.send(message.newAck());
        }
    }
}
