package org.kubeedgej.cloud.messaging;

/** Where the controllers put a message for one edge node; CloudHub delivers it while the node is connected. */
public interface DownstreamQueue {

    /**
     * Queues a message for a node, replacing an older update of the same object that is still waiting.
     *
     * @param nodeId the node's name
     * @param objectUid the Kubernetes UID of the object the message is about
     * @param isDelete whether the message deletes that object (deletes never replace nor get replaced)
     * @param messageJson the KubeEdge message, as JSON
     */
    void send(String nodeId, String objectUid, boolean isDelete, String messageJson);
}
