package org.kubeedgej.edge.edged;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Sends a pod's status upstream ({@code update} of {@code <ns>/podstatus/<name>} with KubeEdge's PodStatusRequest,
 * {@code {"UID", "Name", "Status"}}: the UID lets the cloud write it only onto this very pod) when it changed since
 * the last one sent. PodManager calls it after every sync, so status follows the
 * periodic sync as well as pod events.
 */
@ApplicationScoped
public class PodStatusReporter {

    private static final Logger LOG = Logger.getLogger(PodStatusReporter.class.getName());

    @Inject
    EdgeHubClient edgeHub;

    private final Map<String, JsonObject> lastSent = new ConcurrentHashMap<>();

    /** Public: PodManager calls it through the CDI proxy. */
    public void report(PodDefinition pod, List<ContainerState> states) {
        report(pod, states, ContainerHealth.RUNNING_IS_READY);
    }

    /**
     * Public: PodManager calls it through the CDI proxy.
     *
     * @param health what the containers' probes say (ready, started)
     */
    public void report(PodDefinition pod, List<ContainerState> states, ContainerHealth health) {
        JsonObject previous = lastSent.get(pod.ref().uid());
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        JsonObject status = PodStatusBuilder.status(pod, states, health, previous, now);
        if (status.equals(previous)) {
            return;
        }
        lastSent.put(pod.ref().uid(), status);
        edgeHub.send(message(pod, status));
        LOG.info(() -> "pod " + pod.key() + ": status " + status.getString("phase") + " sent");
    }

    static Message message(PodDefinition pod, JsonObject status) {
        // KubeEdge's PodStatusRequest; its Go struct has no JSON tags, hence the capitals.
        JsonObject content = Json.createObjectBuilder()
                .add("UID", pod.ref().uid())
                .add("Name", pod.ref().name())
                .add("Status", status)
                .build();
        return Message.newRequest(Groups.EDGED, Groups.META, Operations.UPDATE,
                pod.ref().namespace() + "/" + ResourceTypes.POD_STATUS + "/" + pod.ref().name(), content);
    }

    public void forget(PodDefinition pod) {
        lastSent.remove(pod.ref().uid());
    }

    /** A new connection: the cloud may have missed statuses, so the next sync sends every pod's again. */
    void onConnected(@Observes CloudConnectedEvent connected) {
        lastSent.replaceAll((uid, status) -> Json.createObjectBuilder(status).add("phase", "").build());
    }
}
