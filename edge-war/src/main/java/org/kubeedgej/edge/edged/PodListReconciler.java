package org.kubeedgej.edge.edged;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.CloudReplyEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.edge.metamanager.MetaManager;
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * After each connection to the cloud, asks which pods the cluster holds for this node ({@code query} of
 * {@code default/podlist/<node>}) and removes the stored pods the answer does not name by UID: pods deleted while the
 * edge could not hear it (for instance a cluster restored from an older backup) would otherwise run for good, as a
 * kubelet reconciles at its start. Only pods stored before the question are judged, so a pod that arrives meanwhile
 * is never removed; nothing is removed without an answer (offline, a refusal, a cloud that does not know podlist),
 * and the removal goes through MetaManager as a delete by UID, so a newer pod of the same name stays.
 */
@ApplicationScoped
public class PodListReconciler {

    private static final Logger LOG = Logger.getLogger(PodListReconciler.class.getName());
    private static final String NAMESPACE = "default";

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    MetaRepository repository;

    @Inject
    MetaManager metaManager;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    /** The question in flight and the stored pods (key to UID) it judges; only the latest counts. */
    private record Question(String id, Map<String, String> storedPods) {}

    private final AtomicReference<Question> pending = new AtomicReference<>();

    void onConnected(@Observes CloudConnectedEvent connected) {
        Message query = Message.newRequest(Groups.EDGED, Groups.META, Operations.QUERY,
                NAMESPACE + "/" + ResourceTypes.POD_LIST + "/" + nodeName, JsonValue.NULL);
        pending.set(new Question(query.header().id(), storedPods()));
        edgeHub.send(query);
    }

    void onReply(@Observes CloudReplyEvent event) {
        Question question = pending.get();
        Message reply = event.reply();
        if (question == null || !question.id().equals(reply.header().parentId())
                || !pending.compareAndSet(question, null)) {
            return;
        }
        if (reply.content().getValueType() != JsonValue.ValueType.ARRAY) {
            LOG.info(() -> "the cloud did not list edge node " + nodeName + "'s pods (" + reply.content()
                    + "); stored pods are kept");
            return;
        }
        Set<String> held = new HashSet<>();
        for (JsonValue item : reply.content().asJsonArray()) {
            if (item instanceof JsonObject pod && pod.get("uid") instanceof JsonString uid) {
                held.add(uid.getString());
            }
        }
        question.storedPods().forEach((key, uid) -> {
            if (!held.contains(uid)) {
                remove(key, uid);
            }
        });
    }

    private void remove(String key, String uid) {
        LOG.info(() -> "pod " + key + " (UID " + uid + ") is no longer in the cluster for edge node " + nodeName
                + " (deleted while the edge could not hear it); removing it and its containers");
        JsonObject identity = Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("uid", uid))
                .build();
        metaManager.store(Message.newRequest(Groups.EDGED, Groups.RESOURCE, Operations.DELETE, key, identity));
    }

    /** @return the stored pods that can be told apart by UID, by their key {@code <ns>/pod/<name>} */
    private Map<String, String> storedPods() {
        Map<String, String> pods = new HashMap<>();
        repository.findByType(ResourceTypes.POD).forEach((key, json) -> {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                if (reader.readValue() instanceof JsonObject pod && pod.get("metadata") instanceof JsonObject meta
                        && meta.get("uid") instanceof JsonString uid && !uid.getString().isEmpty()) {
                    pods.put(key, uid.getString());
                }
            } catch (RuntimeException unreadable) {
                // PodManager already said it cannot restore this one; it is not judged here.
            }
        });
        return pods;
    }
}
