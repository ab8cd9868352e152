package org.kubeedgej.cloud.messaging;

/** Where CloudHub puts what edge nodes send up, for the controllers (the queue {@code kubeedge.upstream}). */
public interface UpstreamQueue {

    /**
     * @param nodeId the node the message came from (from its certificate)
     * @param messageJson the KubeEdge message, resource in the cloud form
     * @throws IllegalStateException when the broker does not take it; the cause names the fix
     */
    void send(String nodeId, String messageJson);
}
