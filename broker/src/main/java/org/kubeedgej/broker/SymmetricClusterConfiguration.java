package org.kubeedgej.broker;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * The clustered role: two active brokers joined by a cluster connection, no HA. A message for a node goes to the
 * broker where that node's consumer is (ON_DEMAND), and a node queue's messages move to the other broker as soon
 * as the consumer does (redistribution delay 0): a node's session may be on either CloudCore replica. Kept so the
 * topology can be measured against the pair (docs/benchmarks.md, "Broker topologies").
 */
final class SymmetricClusterConfiguration {

    static final String CLUSTER = "kubeedge-broker-cluster";

    private SymmetricClusterConfiguration() {
        throw new AssertionError();
    }

    static Configuration apply(Configuration config, ClusterConnectionConfiguration connection) {
        config.addClusterConfiguration(connection
                .setMessageLoadBalancingType(MessageLoadBalancingType.ON_DEMAND)
                // Two brokers, each a direct peer of the other.
                .setMaxHops(1));
        AddressSettings nodeQueues = config.getAddressSettings().get(QueueNames.NODE_QUEUE_MATCH);
        if (nodeQueues == null) {
            throw new IllegalStateException("CloudCore's configuration has no settings for "
                    + QueueNames.NODE_QUEUE_MATCH + "; the clustered role adds redistribution to them");
        }
        nodeQueues.setRedistributionDelay(0);
        return config;
    }
}
