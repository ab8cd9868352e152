package org.kubeedgej.cloud.kubeapi;

/**
 * What the last probe of the API server found.
 *
 * @param reachable whether {@code /version} answered
 * @param server the API server URL probed
 * @param gitVersion the server's version when reachable
 * @param error why it is not reachable, with a hint at the fix; empty when reachable
 */
public record KubeApiStatus(boolean reachable, String server, String gitVersion, String error) {}
