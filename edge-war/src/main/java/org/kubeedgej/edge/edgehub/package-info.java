/**
 * EdgeHub: the edge's WebSocket client to CloudHub (wss://server/&lt;projectID&gt;/&lt;node&gt;/events with the node's
 * certificate and KubeEdge's node_id/project_id headers). It sends a keepalive every {@code heartbeat} seconds,
 * reconnects with backoff and jitter, buffers outbound messages while disconnected (the latest per object), and
 * hands downstream messages to MetaManager, acknowledging them only once they are stored.
 */
package org.kubeedgej.edge.edgehub;
