package it.org.kubeedgej.support;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import java.time.Duration;

/** Waiting for what the edge does to show in the cluster, shared by the system tests. */
public final class ClusterWaits {

    private ClusterWaits() {
        throw new AssertionError();
    }

    /**
     * Waits until the edge node's Node object exists (edgecore registers it when it first connects).
     *
     * @param api the cluster
     * @param node the node name
     * @param wait how long at most
     * @throws ApiException on an API error other than 404
     */
    public static void nodeRegistered(CoreV1Api api, String node, Duration wait) throws ApiException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                api.readNode(node).execute();
                return;
            } catch (ApiException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            Http.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("edge node " + node + " never registered");
    }

    /**
     * Waits until the Node's kubelet endpoint is CloudStream's port: CloudCore writes it once the edge's stream tunnel
     * is open, and until then the API server calls the edge's own kubelet port, which it cannot reach.
     *
     * @param api the cluster
     * @param node the node name
     * @param streamPort CloudCore's stream port
     * @param wait how long at most
     * @throws ApiException on an API error
     */
    public static void kubeletEndpointIs(CoreV1Api api, String node, int streamPort, Duration wait)
            throws ApiException {
        long deadline = System.nanoTime() + wait.toNanos();
        Integer port = null;
        while (System.nanoTime() < deadline) {
            var status = api.readNode(node).execute().getStatus();
            port = status == null || status.getDaemonEndpoints() == null
                    || status.getDaemonEndpoints().getKubeletEndpoint() == null ? null
                    : status.getDaemonEndpoints().getKubeletEndpoint().getPort();
            if (Integer.valueOf(streamPort).equals(port)) {
                return;
            }
            Http.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("the kubelet endpoint of node " + node + " is " + port + ", not CloudStream's port "
                + streamPort + ": its stream tunnel never opened");
    }
}
