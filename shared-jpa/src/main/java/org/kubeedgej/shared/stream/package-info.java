/**
 * What CloudStream and EdgeStream share: the frame KubeEdge's stream tunnel carries ({@link StreamMessage}, a
 * connection id and a type as unsigned varints, then the data) and the connect request a log, exec or metrics
 * connection opens with ({@link StreamConnectRequest}). Both are byte-compatible with KubeEdge's {@code pkg/stream},
 * so a KubeEdge edgestream can use CloudCore's tunnel.
 */
package org.kubeedgej.shared.stream;
