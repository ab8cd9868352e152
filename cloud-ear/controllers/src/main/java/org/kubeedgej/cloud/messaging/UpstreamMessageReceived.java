package org.kubeedgej.cloud.messaging;

/**
 * A message from an edge node, as CloudHub put it on {@code kubeedge.upstream}; fired as a CDI event for the
 * controllers to dispatch by resource type.
 *
 * @param nodeId the node it came from
 * @param messageJson the KubeEdge message, as JSON
 */
public record UpstreamMessageReceived(String nodeId, String messageJson) {}
