/**
 * CloudCore's JMS ports: {@link org.kubeedgej.cloud.messaging.DownstreamQueue} puts a message on a node's
 * last-value queue ({@code kubeedge.node.<node>}) for CloudHub to deliver, and
 * {@link org.kubeedgej.cloud.messaging.UpstreamListener} takes what CloudHub put on {@code kubeedge.upstream} and
 * hands it to the controllers as a CDI event. All JMS goes through the Artemis resource adapter
 * ({@code jms/kubeedge} in server.xml), so sends join the caller's transaction.
 */
package org.kubeedgej.cloud.messaging;
