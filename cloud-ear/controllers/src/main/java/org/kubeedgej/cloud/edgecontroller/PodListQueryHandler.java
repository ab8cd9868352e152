package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.models.V1Pod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.EdgeMessageEvent;
import org.kubeedgej.cloud.messaging.EdgeReplies;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Answers an edge that asks, after it reconnects, which pods the cluster holds for it ({@code query} of
 * {@code default/podlist/<node>}, KubeEdge's podlist type): the namespace, name and UID of each pod bound to the node,
 * from the pod informer's cache. The edge then removes the pods it runs that the cluster no longer has (deleted while
 * it could not hear), as a kubelet does when it starts. Until the caches have listed, the answer is 503, so an edge
 * never removes anything on the word of an empty cache.
 */
@ApplicationScoped
public class PodListQueryHandler {

    private static final Logger LOG = Logger.getLogger(PodListQueryHandler.class.getName());
    private static final int UNAVAILABLE = 503;

    @Inject
    EdgeLiveObjects liveObjects;

    @Inject
    EdgeReplies replies;

    void onEdgeMessage(@Observes EdgeMessageEvent event) {
        if (!event.is(ResourceTypes.POD_LIST, Operations.QUERY)) {
            return;
        }
        event.take();
        ResourcePath path = event.objectPath().orElseThrow();
        if (EdgeRequests.refuseOtherNode(event, path, "podlist", false, replies, LOG)) {
            return;
        }
        Optional<List<V1Pod>> pods = liveObjects.podsOn(event.nodeId());
        if (pods.isEmpty()) {
            LOG.info(() -> "edge node " + event.nodeId() + " asked for its pods before the caches listed; 503");
            replies.error(event.nodeId(), event.message(), EdgeReplies.status(UNAVAILABLE, "ServiceUnavailable",
                    "CloudCore's pod cache has not listed yet; ask again later"), false);
            return;
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (V1Pod pod : pods.get()) {
            items.add(Json.createObjectBuilder().add("namespace", pod.getMetadata().getNamespace())
                    .add("name", pod.getMetadata().getName()).add("uid", pod.getMetadata().getUid()));
        }
        replies.plain(event.nodeId(), event.message(), items.build(), "");
        LOG.fine(() -> "edge node " + event.nodeId() + " told its " + pods.get().size() + " pod(s)");
    }
}
