package org.kubeedgej.edge.edged;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Registers the node with the cloud on every connection (KubeEdge's edged sends {@code insert} of its Node; the
 * cloud creates it or takes over one an operator created) and sends its status every
 * node-status-update-frequency seconds. While the cloud is away the latest status waits in EdgeHub's buffer.
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

    synchronized void onConnected(@Observes CloudConnectedEvent connected) {
        edgeHub.send(Message.newRequest(Groups.EDGED, Groups.META, Operations.INSERT,
                NAMESPACE + "/" + ResourceTypes.NODE + "/" + nodeName, NodeStatusBuilder.node(nodeName)));
        LOG.info(() -> "edge node " + nodeName + " registered with the cloud at " + connected.server());
        if (periodic == null) {
            periodic = scheduler.scheduleAtFixedRate(this::report, frequencySeconds, frequencySeconds,
                    TimeUnit.SECONDS);
        }
    }

    private void report() {
        edgeHub.send(Message.newRequest(Groups.EDGED, Groups.META, Operations.UPDATE,
                NAMESPACE + "/" + ResourceTypes.NODE_STATUS + "/" + nodeName, NodeStatusBuilder.status(nodeName)));
    }

    @PreDestroy
    synchronized void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }
}
