package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.kubeedgej.shared.model.Message;

/**
 * The Node's UID as the cloud tells it, from the answer to the registration (KubeEdge's ObjectResp
 * {@code {"Object": <Node>, "Err": null}}) or, when the cloud answers that the Node already exists, from the answer to
 * looking it up (the Node itself). KubeEdge's NodeStatusRequest carries it.
 */
final class NodeIdentity {

    /** What to do after an answer. */
    enum Next { NOTHING, LOOK_UP, KNOWN }

    private String registerId = "";
    private String lookupId = "";
    private volatile String uid = "";

    synchronized void registering(String messageId) {
        registerId = messageId;
    }

    synchronized void lookingUp(String messageId) {
        lookupId = messageId;
    }

    /** @return the Node's UID, empty until the cloud said */
    String uid() {
        return uid;
    }

    synchronized Next answered(Message reply) {
        String parent = reply.header().parentId();
        if (parent.isEmpty() || !(parent.equals(registerId) || parent.equals(lookupId))) {
            return Next.NOTHING;
        }
        if (reply.content().getValueType() != JsonValue.ValueType.OBJECT) {
            return Next.NOTHING;
        }
        JsonObject content = reply.content().asJsonObject();
        JsonObject node = content.containsKey("Object") || content.containsKey("Err")
                ? objectOrNull(content.get("Object")) : content;
        if (node == null || !(node.get("metadata") instanceof JsonObject metadata)
                || metadata.getString("uid", "").isEmpty()) {
            return parent.equals(registerId) ? Next.LOOK_UP : Next.NOTHING;
        }
        uid = metadata.getString("uid");
        return Next.KNOWN;
    }

    private static JsonObject objectOrNull(JsonValue value) {
        return value instanceof JsonObject o ? o : null;
    }
}
