package org.kubeedgej.edge.edgehub;

/**
 * EdgeHub has (re)opened its session with CloudHub: modules that report state send it now.
 *
 * @param server the CloudHub address
 */
public record CloudConnectedEvent(String server) {}
