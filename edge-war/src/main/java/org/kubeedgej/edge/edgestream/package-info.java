/**
 * EdgeStream (KubeEdge's name): this edge's end of the stream tunnel to CloudCore's CloudStream. It keeps a second
 * mutual-TLS WebSocket open ({@link EdgeStreamClient}, KubeEdge's {@code /v1/kubeedge/connect} on port 10004, same
 * certificate as EdgeHub) and serves the kubelet requests the API server makes through it ({@link LogConnections}:
 * container logs, from edged). The cloud dials nothing: an edge behind NAT is reachable for {@code kubectl logs}.
 */
package org.kubeedgej.edge.edgestream;
