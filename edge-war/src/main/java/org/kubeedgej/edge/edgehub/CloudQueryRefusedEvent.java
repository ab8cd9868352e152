package org.kubeedgej.edge.edgehub;

/**
 * The cloud answered a query of this edge with an {@code error} (e.g. {@code configmap "app" not found}), so the
 * module that asked can say why it is still waiting, in a pod status for instance.
 *
 * @param resource the resource queried, in the edge form {@code <namespace>/<type>/<name>}
 * @param reason the cloud's reason
 */
public record CloudQueryRefusedEvent(String resource, String reason) {}
