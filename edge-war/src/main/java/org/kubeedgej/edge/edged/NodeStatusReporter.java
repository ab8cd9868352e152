package org.kubeedgej.edge.edged;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
 * While the cloud is away the latest status waits in EdgeHub's buffer.
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
    @ConfigProperty(name = "modules.edged.nodeStatusUpdateFrequency", defaultValue = "10")
    int frequencySeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> periodic;
    /** What the cloud said of this node: the registration's and lookup's message ids, and the Node's UID. */
    private final NodeIdentity identity = new NodeIdentity();

    synchronized void onConnected(@Observes CloudConnectedEvent connected) {
        Message register = Message.newRequest(Groups.EDGED, Groups.META, Operations.INSERT, nodeResource(),
                NodeStatusBuilder.node(nodeName));
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
        JsonObject request = Json.createObjectBuilder().add("UID", identity.uid())
                .add("Status", NodeStatusBuilder.status(nodeName)).addNull("ExtendResources").build();
        edgeHub.send(Message.newRequest(Groups.EDGED, Groups.META, Operations.UPDATE,
                NAMESPACE + "/" + ResourceTypes.NODE_STATUS + "/" + nodeName, request));
    }

    @PreDestroy
    synchronized void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }
}
