package org.kubeedgej.edge.edged;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.kubeedgej.edge.edgehub.CloudQueryRefusedEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

/**
 * Asks the cloud for a ConfigMap or Secret this node lacks, as KubeEdge's MetaManager does ({@code query} of
 * {@code <ns>/configmap/<name>}); the answer arrives as a stored object, which starts the waiting pod. At most
 * one query per object every {@link #RETRY}, since pods are synced every few seconds. The cloud's refusals
 * (not found, too large, not referenced by a pod on this node) are kept, so a pod status can say why.
 */
@ApplicationScoped
public class ConfigSourceQuery {

    static final Duration RETRY = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(ConfigSourceQuery.class.getName());

    @Inject
    EdgeHubClient edgeHub;

    private final Map<String, Instant> asked = new ConcurrentHashMap<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();

    /**
     * Queries the cloud for an object, unless it was asked for within {@link #RETRY}.
     *
     * @param type {@code configmap} or {@code secret}
     * @param namespace its namespace
     * @param name its name
     */
    public void request(String type, String namespace, String name) {
        String resource = namespace + "/" + type + "/" + name;
        Instant now = Instant.now();
        Instant last = asked.get(resource);
        if (last != null && now.isBefore(last.plus(RETRY))) {
            return;
        }
        asked.put(resource, now);
        edgeHub.send(Message.newRequest(Groups.METAMANAGER, Groups.RESOURCE, Operations.QUERY, resource, null));
        LOG.info(() -> "edged lacks " + type + " " + namespace + "/" + name + "; asked the cloud for it");
    }

    /**
     * @return the cloud's last refusal of a query for this object, or null
     */
    public String refusal(String type, String namespace, String name) {
        return refusals.get(namespace + "/" + type + "/" + name);
    }

    void onRefused(@Observes CloudQueryRefusedEvent refused) {
        refusals.put(refused.resource(), refused.reason());
    }
}
