package org.kubeedgej.cloud.broker;

/**
 * What the last look at the broker found.
 *
 * @param mode "embedded" or "external"
 * @param url the broker's CORE URL
 * @param up whether the broker can take messages
 * @param error why not, with a hint at the fix; empty when up
 */
public record BrokerStatus(String mode, String url, boolean up, String error) {}
