package org.kubeedgej.edge.edged;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.CloudReplyEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Registers the node with the cloud on every connection (KubeEdge's edged sends {@code insert} of its Node; the
 * cloud creates it or takes over one an operator created) and sends its status every
 * node-status-update-frequency seconds as KubeEdge's NodeStatusRequest ({@code {"UID", "Status", "ExtendResources"}}).
 * While the cloud is away the latest status waits in EdgeHub's buffer. Records the kubelet's node Events: Starting
 * ("Starting kubelet.") when edgecore starts, and NodeReady / NodeNotReady when the Ready condition it posts
 * changes (the first status after a start counts as a change, as the kubelet's first status does).
 */
@ApplicationScoped
public class NodeStatusReporter {

    private static final Logger LOG = Logger.getLogger(NodeStatusReporter.class.getName());
    private static final String NAMESPACE = "default";

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    @Inject
    EventRecorder events;

    @Inject
    @ConfigProperty(name = "modules.edged.nodeStatusUpdateFrequency", defaultValue = "10")
    int frequencySeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> periodic;
    /** What the cloud said of this node: the registration's and lookup's message ids, and the Node's UID. */
    private final NodeIdentity identity = new NodeIdentity();
    /** The Ready status last posted, null before the first; its changes are NodeReady/NodeNotReady Events. */
    private Boolean lastReady;

    /** After EdgeHub's own start-up observer (default priority), which makes its buffer. */
    void starting(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) Startup startup) {
        events.record(EventReference.node(nodeName), RecordedEvent.NORMAL, "Starting", "Starting kubelet.");
    }

    synchronized void onConnected(@Observes CloudConnectedEvent connected) {
        JsonObject node = NodeStatusBuilder.node(nodeName);
        Message register = Message.newRequest(Groups.EDGED, Groups.META, Operations.INSERT, nodeResource(), node);
        readiness(node.getJsonObject("status"));
        identity.registering(register.header().id());
        edgeHub.send(register);
        LOG.info(() -> "edge node " + nodeName + " registered with the cloud at " + connected.server());
        if (periodic == null) {
            periodic = scheduler.scheduleAtFixedRate(this::report, frequencySeconds, frequencySeconds,
                    TimeUnit.SECONDS);
        }
    }

    /**
     * The cloud's answer to the registration (KubeEdge's ObjectResp) tells the Node's UID; when the Node already
     * existed, KubeEdge's cloud answers AlreadyExists and the kubelet looks the Node up, as this does.
     */
    void onReply(@Observes CloudReplyEvent event) {
        NodeIdentity.Next next = identity.answered(event.reply());
        if (next == NodeIdentity.Next.LOOK_UP) {
            Message query = Message.newRequest(Groups.EDGED, Groups.META, Operations.QUERY, nodeResource(),
                    JsonValue.NULL);
            identity.lookingUp(query.header().id());
            edgeHub.send(query);
        } else if (next == NodeIdentity.Next.KNOWN) {
            LOG.fine(() -> "edge node " + nodeName + " has UID " + identity.uid());
        }
    }

    private String nodeResource() {
        return NAMESPACE + "/" + ResourceTypes.NODE + "/" + nodeName;
    }

    private void report() {
        // KubeEdge's NodeStatusRequest; its Go struct has no JSON tags, hence the capitals.
        JsonObject status = NodeStatusBuilder.status(nodeName);
        readiness(status);
        JsonObject request = Json.createObjectBuilder().add("UID", identity.uid())
                .add("Status", status).addNull("ExtendResources").build();
        edgeHub.send(Message.newRequest(Groups.EDGED, Groups.META, Operations.UPDATE,
                NAMESPACE + "/" + ResourceTypes.NODE_STATUS + "/" + nodeName, request));
    }

    /** The kubelet's node status events: type Normal either way, "Node n status is now: NodeReady". */
    private synchronized void readiness(JsonObject status) {
        boolean ready = status.getJsonArray("conditions").stream().map(JsonValue::asJsonObject)
                .anyMatch(c -> "Ready".equals(c.getString("type", "")) && "True".equals(c.getString("status", "")));
        if (lastReady == null || lastReady != ready) {
            lastReady = ready;
            String reason = ready ? "NodeReady" : "NodeNotReady";
            events.record(EventReference.node(nodeName), RecordedEvent.NORMAL, reason,
                    "Node " + nodeName + " status is now: " + reason);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }
}
