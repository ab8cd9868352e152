/**
 * CloudCore's JMS broker: by default an Apache ActiveMQ Artemis broker embedded in CloudCore (started with the
 * EAR, journal under the server's output directory, one CORE acceptor on loopback), or, with
 * {@code modules.cloudHub.broker.embedded=false}, an external Artemis that the resource adapter reaches through
 * server.xml's variables. Also the probe that tells readiness whether the broker is usable.
 *
 * <p>The application talks JMS only through the resource adapter (server.xml {@code jms/kubeedge}); nothing in
 * here is used to send or receive. The broker runs in the application's class loader, the adapter in its own,
 * so the two meet over TCP.
 */
package org.kubeedgej.cloud.broker;
