/**
 * CloudHub: the WebSocket server that edge nodes dial into (wss://host:10000/&lt;projectID&gt;/&lt;nodeID&gt;/events,
 * mutual TLS with the project CA). One session per node; a node is known by its certificate's CN, which must match
 * the URL and the node_id header. Sessions that send no keepalive within keepaliveInterval are closed, nodes beyond
 * nodeLimit are refused, and each node's upstream traffic is rate limited and size limited.
 */
package org.kubeedgej.cloud.cloudhub;
