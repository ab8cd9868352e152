package org.kubeedgej.cloud.broker;

/**
 * Fired (synchronously) by {@link EmbeddedBroker} just before it stops, so the in-process clients close their
 * connections while the broker can still answer. Closed afterwards, each blocking close call waited for a broker that
 * was gone (up to the call timeout, several calls per session), which held CloudCore's stop up by 13-30 s.
 *
 * @param url the broker's address, for the clients' logs
 */
public record BrokerStopping(String url) {
}
