/**
 * Edged: the edge's kubelet. It registers this node with the cloud and reports its status (capacity, addresses,
 * node info, the Ready condition) every node-status-update-frequency seconds; running pods through Docker comes
 * next.
 */
package org.kubeedgej.edge.edged;
