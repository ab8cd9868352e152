package org.kubeedgej.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.messaging.QueueNames;

class SymmetricClusterConfigurationTest {

    private static Configuration create(String role) throws Exception {
        return PairConfigurationFactory.create(BrokerOptions.parse(new String[] {"--role=" + role, "--port=29798",
            "--peer-port=29799", "--data-dir=/tmp/unused"}, Map.of()));
    }

    @Test
    void clusteredRoutesToTheConsumerAndMovesNodeQueuesAtOnce() throws Exception {
        Configuration config = create("clustered");
        List<ClusterConnectionConfiguration> clusters = config.getClusterConfigurations();
        assertEquals(1, clusters.size());
        ClusterConnectionConfiguration cluster = clusters.get(0);
        assertEquals(MessageLoadBalancingType.ON_DEMAND, cluster.getMessageLoadBalancingType());
        assertEquals(List.of("peer"), cluster.getStaticConnectors());
        assertEquals(1, cluster.getMaxHops());
        assertEquals(0, config.getAddressSettings().get(QueueNames.NODE_QUEUE_MATCH).getRedistributionDelay());
        // The last-value rule of CloudCore's node queues is kept, not replaced.
        assertTrue(config.getAddressSettings().get(QueueNames.NODE_QUEUE_MATCH).isDefaultLastValueQueue());
        // No HA: both brokers are active.
        assertNull(config.getHAPolicyConfiguration());
    }

    @Test
    void thePairKeepsItsReplicationAndNoRedistribution() throws Exception {
        Configuration config = create("backup");
        assertTrue(config.getHAPolicyConfiguration() instanceof ReplicaPolicyConfiguration);
        assertEquals(PairConfigurationFactory.CLUSTER, config.getClusterConfigurations().get(0).getName());
        assertEquals(-1, config.getAddressSettings().get(QueueNames.NODE_QUEUE_MATCH).getRedistributionDelay());
    }

    @Test
    void singleHasNoClusterConnection() throws Exception {
        Configuration config = PairConfigurationFactory.create(BrokerOptions.parse(new String[] {"--port=29798",
            "--data-dir=" + Path.of("/tmp/unused")}, Map.of()));
        assertTrue(config.getClusterConfigurations().isEmpty());
    }
}
