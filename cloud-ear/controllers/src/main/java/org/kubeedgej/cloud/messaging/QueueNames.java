package org.kubeedgej.cloud.messaging;

/**
 * Destination and property names shared by senders, consumers and the broker's configuration. An external
 * broker needs the same rules: {@code kubeedge.node.#} auto-created anycast last-value queues.
 */
public final class QueueNames {

    /** Edge to cloud: CloudHub produces, the controllers' MDB consumes. */
    public static final String UPSTREAM = "kubeedge.upstream";
    /** Device events for consumers outside CloudCore: a multicast address (a JMS topic). */
    public static final String DEVICE_EVENTS = "kubeedge.device.events";
    /**
     * Replica to replica: which replica opened a session for which node, and when (a multicast address; nothing is
     * kept for a replica that is not listening). See {@link SessionClaims}.
     */
    public static final String SESSION_CLAIMS = "kubeedge.sessions";
    /** Cloud to edge: one queue per node, {@code kubeedge.node.<node>}. */
    public static final String NODE_QUEUE_PREFIX = "kubeedge.node.";
    /** Address-settings match for every node queue. */
    public static final String NODE_QUEUE_MATCH = NODE_QUEUE_PREFIX + "#";
    /**
     * The property a last-value queue keys on. Artemis's own default name, so an external broker configured
     * only with {@code default-last-value-queue=true} behaves the same.
     */
    public static final String LAST_VALUE_KEY = "_AMQ_LVQ_NAME";
    /** The node a message comes from (upstream) or goes to (downstream). */
    public static final String NODE_ID = "kubeedgeNodeId";
    /** The Kubernetes UID of the object a downstream message is about. */
    public static final String OBJECT_UID = "kubeedgeObjectUid";
    /** "update" or "delete", so CloudHub can tell without parsing the body. */
    public static final String OPERATION = "kubeedgeOperation";

    private QueueNames() {
        throw new AssertionError();
    }

    /**
     * @param nodeId a Kubernetes node name
     * @return that node's downstream queue
     * @throws IllegalArgumentException when the name is blank or holds an address wildcard
     */
    public static String nodeQueue(String nodeId) {
        if (nodeId == null || nodeId.isBlank() || nodeId.contains("#") || nodeId.contains("*")) {
            throw new IllegalArgumentException("invalid node id '" + nodeId + "' for a downstream queue: expected a"
                    + " Kubernetes node name (lowercase letters, digits, '-' and '.')");
        }
        return NODE_QUEUE_PREFIX + nodeId;
    }

    /**
     * The last-value key for a downstream message. Updates of one object share the key, so a newer one replaces
     * an older one still queued. A delete gets a key of its own: it must never be replaced or replace anything,
     * else a node could miss that an object is gone.
     *
     * @param objectUid the object's UID
     * @param isDelete whether the message deletes the object
     * @param messageId a unique id for this message (used for deletes only)
     * @return the key
     */
    public static String lastValueKey(String objectUid, boolean isDelete, String messageId) {
        return isDelete ? objectUid + ":delete:" + messageId : objectUid;
    }
}
