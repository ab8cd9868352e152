package org.kubeedgej.broker;

import java.util.List;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.kubeedgej.cloud.broker.BrokerConfigurationFactory;

/**
 * CloudCore's broker configuration, plus, for a replicated role, Artemis's classic replication HA: a cluster
 * connection to the peer over a static connector (no multicast discovery: loopback or known addresses only), the
 * primary replicating every journal write to the backup before it answers a durable send, the backup taking over
 * when the primary's connection dies. The clustered role gets the same connection to its peer with
 * {@link SymmetricClusterConfiguration}'s routing instead of HA.
 */
public final class PairConfigurationFactory {

    static final String CLUSTER = "kubeedge-broker-pair";
    private static final String SELF = "self";
    private static final String PEER = "peer";

    private PairConfigurationFactory() {
        throw new AssertionError();
    }

    /**
     * @param options the process's options
     * @return the configuration to start the broker with
     * @throws Exception when a URL cannot be read
     */
    public static Configuration create(BrokerOptions options) throws Exception {
        // Every durable operation is forced to disk: this broker outlives the CloudCores that write to it.
        Configuration config = BrokerConfigurationFactory.create(options.host(), options.port(), options.dataDir(),
                true);
        config.setName("kubeedge-broker-" + options.role().name().toLowerCase() + "-" + options.port());
        PagingConfiguration.apply(config, options);
        if (!options.role().hasPeer()) {
            return config;
        }
        config.addConnectorConfiguration(SELF, "tcp://" + options.host() + ":" + options.port());
        config.addConnectorConfiguration(PEER, "tcp://" + options.peerHost() + ":" + options.peerPort());
        config.setClusterUser("kubeedge-broker-cluster");
        config.setClusterPassword(options.clusterPassword());
        if (options.role() == BrokerRole.CLUSTERED) {
            return SymmetricClusterConfiguration.apply(config,
                    clusterConnection(SymmetricClusterConfiguration.CLUSTER));
        }
        config.addClusterConfiguration(clusterConnection(CLUSTER));
        if (options.role() == BrokerRole.PRIMARY) {
            // A primary restarted while its backup serves finds it and becomes the backup's backup, rather than
            // serving an outdated journal next to it.
            config.setHAPolicyConfiguration(new ReplicatedPolicyConfiguration()
                    .setClusterName(CLUSTER)
                    .setCheckForActiveServer(true));
        } else {
            config.setHAPolicyConfiguration(new ReplicaPolicyConfiguration()
                    .setClusterName(CLUSTER)
                    .setAllowFailBack(false)
                    .setRestartBackup(true));
        }
        return config;
    }

    /** The connection to the peer over the static connector (no multicast discovery), for either topology. */
    static ClusterConnectionConfiguration clusterConnection(String name) {
        return new ClusterConnectionConfiguration()
                .setName(name)
                .setConnectorName(SELF)
                .setStaticConnectors(List.of(PEER))
                // Fast enough to notice a dead peer in seconds on loopback.
                .setRetryInterval(500)
                .setReconnectAttempts(-1)
                .setClientFailureCheckPeriod(1000)
                .setConnectionTTL(5000);
    }
}
