/**
 * The broker CloudCore embeds, run as a process of its own so several CloudCore replicas can share it (issue 16
 * item 1): one broker, or a primary/backup pair that replicates its journal over a loopback cluster connection and
 * fails over when the primary dies. The destinations and their rules are CloudCore's own
 * ({@code org.kubeedgej.cloud.broker.BrokerConfigurationFactory}). A third layout, two brokers in a symmetric
 * cluster ({@link org.kubeedgej.broker.SymmetricClusterConfiguration}), exists to be measured against the pair
 * (bench/run-brokers.sh); CloudCore uses the pair.
 */
package org.kubeedgej.broker;
