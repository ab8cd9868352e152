package org.kubeedgej.cloud.cloudhub;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.kubeedgej.cloud.events.ObjectDeliveredEvent;
import org.kubeedgej.shared.model.Message;

/** Reads which Kubernetes object (and which version of it) a delivered message carried. */
final class ObjectDelivery {

    private ObjectDelivery() {
        throw new AssertionError();
    }

    /**
     * @param nodeId the node that acknowledged
     * @param message the message it acknowledged
     * @return the object, when the content is one with a UID and a resourceVersion (not, e.g., a membership list)
     */
    static Optional<ObjectDeliveredEvent> of(String nodeId, Message message) {
        if (message.content().getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonObject object = message.content().asJsonObject();
        JsonObject metadata = object.getJsonObject("metadata");
        if (metadata == null || metadata.getString("uid", "").isEmpty()) {
            return Optional.empty();
        }
        String version = message.header().resourceVersion().isEmpty()
                ? metadata.getString("resourceVersion", "") : message.header().resourceVersion();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ObjectDeliveredEvent(nodeId, object.getString("apiVersion", "v1"),
                object.getString("kind", ""), metadata.getString("namespace", ""), metadata.getString("name", ""),
                metadata.getString("uid"), version));
    }
}
