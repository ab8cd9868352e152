/**
 * CloudStream (KubeEdge's name): what makes {@code kubectl logs} reach a pod on an edge node. Each edge keeps a
 * second mutual-TLS WebSocket to CloudCore, the tunnel ({@link TunnelEndpoint}, port 10004); the API server calls
 * CloudCore's stream port (10003) as it would call the pod's kubelet. {@link StreamPortListener} terminates that TLS
 * and passes each request to Liberty on loopback, where {@link ContainerLogsServlet} (and the exec, attach and
 * metrics servlets) forward it over the tunnel of the node the pod is bound to, and stream the answer back. Frames and
 * connect requests are KubeEdge's ({@code org.kubeedgej.shared.stream}), so a KubeEdge edgestream can use the tunnel too.
 */
package org.kubeedgej.cloud.cloudstream;
