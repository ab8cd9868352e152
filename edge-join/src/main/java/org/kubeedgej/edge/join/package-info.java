/**
 * {@code bin/kubeedge-j join}: keadm's join for KubeEdge-J, in Java so an edge host needs only Java 17. It gets the
 * node certificate by token from CloudCore's certificate service and writes the edge's KubeEdge-format config; the
 * launcher then starts edgecore and waits for it with {@link org.kubeedgej.edge.join.ReadinessWait}.
 */
package org.kubeedgej.edge.join;
