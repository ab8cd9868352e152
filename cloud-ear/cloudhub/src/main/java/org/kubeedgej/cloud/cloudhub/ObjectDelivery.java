package org.kubeedgej.cloud.cloudhub;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Optional;
import org.kubeedgej.cloud.events.ObjectDeliveredEvent;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/** Reads which Kubernetes object (and which version of it) a delivered message carried, or deleted. */
final class ObjectDelivery {

    /**
     * Kinds by resource type, for content without a kind: list items from an informer have none, and the
     * ObjectSync record must name its kind for SyncController to find the object again.
     */
    private static final Map<String, String> KINDS = Map.of(ResourceTypes.POD, "Pod", ResourceTypes.CONFIGMAP,
            "ConfigMap", ResourceTypes.SECRET, "Secret", ResourceTypes.SERVICE, "Service", ResourceTypes.NODE, "Node");

    private ObjectDelivery() {
        throw new AssertionError();
    }

    /**
     * @param nodeId the node that acknowledged
     * @param message the message it acknowledged, resource in the cloud form
     * @return the object, when the content is one with a UID and (unless deleted) a resourceVersion; not, e.g., a
     *     membership list
     */
    static Optional<ObjectDeliveredEvent> of(String nodeId, Message message) {
        if (message.content().getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonObject object = message.content().asJsonObject();
        JsonValue metadataValue = object.get("metadata");
        if (metadataValue == null || metadataValue.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonObject metadata = metadataValue.asJsonObject();
        if (metadata.getString("uid", "").isEmpty()) {
            return Optional.empty();
        }
        boolean deleted = Operations.DELETE.equals(message.route().operation());
        String version = message.header().resourceVersion().isEmpty()
                ? metadata.getString("resourceVersion", "") : message.header().resourceVersion();
        if (version.isEmpty() && !deleted) {
            return Optional.empty();
        }
        String kind = object.getString("kind", "");
        if (kind.isEmpty()) {
            kind = kindOf(message.route().resource());
        }
        return Optional.of(new ObjectDeliveredEvent(nodeId, object.getString("apiVersion", "v1"), kind,
                metadata.getString("namespace", ""), metadata.getString("name", ""), metadata.getString("uid"),
                version, deleted));
    }

    private static String kindOf(String cloudResource) {
        try {
            return KINDS.getOrDefault(ResourcePath.parseCloud(cloudResource).type(), "");
        } catch (RuntimeException notAnObjectPath) {
            return "";
        }
    }
}
