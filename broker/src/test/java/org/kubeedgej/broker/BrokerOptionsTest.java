package org.kubeedgej.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.messaging.QueueNames;

class BrokerOptionsTest {

    @Test
    void singleNeedsOnlyADataDirectory() {
        BrokerOptions o = BrokerOptions.parse(new String[] {"--data-dir=/tmp/b"}, Map.of());
        assertEquals(BrokerRole.SINGLE, o.role());
        assertEquals(61616, o.port());
        assertEquals("127.0.0.1", o.host());
        assertEquals(Path.of("/tmp/b"), o.dataDir());
    }

    @Test
    void replicatedRolesNeedAPeerOnAnotherPort() {
        BrokerOptions o = BrokerOptions.parse(new String[] {"--role=backup", "--port=61617", "--peer-port=61616",
            "--data-dir=/tmp/b"}, Map.of("KUBEEDGEJ_BROKER_CLUSTER_PASSWORD", "s3cret"));
        assertEquals(BrokerRole.BACKUP, o.role());
        assertEquals(61616, o.peerPort());
        assertEquals("s3cret", o.clusterPassword());
        assertThrows(IllegalArgumentException.class,
                () -> BrokerOptions.parse(new String[] {"--role=primary", "--data-dir=/tmp/b"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BrokerOptions.parse(
                new String[] {"--role=primary", "--port=1", "--peer-port=1", "--data-dir=/tmp/b"}, Map.of()));
    }

    @Test
    void clusteredNeedsAPeerToo() {
        BrokerOptions o = BrokerOptions.parse(new String[] {"--role=clustered", "--port=61616", "--peer-port=61617",
            "--data-dir=/tmp/b"}, Map.of());
        assertEquals(BrokerRole.CLUSTERED, o.role());
        assertEquals(61617, o.peerPort());
        assertThrows(IllegalArgumentException.class,
                () -> BrokerOptions.parse(new String[] {"--role=clustered", "--data-dir=/tmp/b"}, Map.of()));
    }

    @Test
    void thePeerIsOnThisHostUnlessNamed() throws Exception {
        BrokerOptions local = BrokerOptions.parse(new String[] {"--role=primary", "--host=10.0.0.5", "--port=61616",
            "--peer-port=61617", "--data-dir=/tmp/b"}, Map.of());
        assertEquals("10.0.0.5", local.peerHost());
        String peer = "broker-primary-0.broker-pair.kubeedge.svc";
        BrokerOptions pod = BrokerOptions.parse(new String[] {"--role=backup", "--host=10.0.0.6", "--port=61616",
            "--peer-host=" + peer, "--peer-port=61616", "--data-dir=/tmp/b"}, Map.of());
        assertEquals(peer, pod.peerHost());
        assertEquals(61616, pod.peerPort(), "a peer on another host may use the same port");
        assertEquals(peer, PairConfigurationFactory.create(pod).getConnectorConfigurations().get("peer").getParams()
                .get("host"), "the pair link goes to the named peer");
    }

    @Test
    void errorsNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerOptions.parse(new String[] {"--role=leader", "--data-dir=/tmp/b"}, Map.of()));
        assertTrue(e.getMessage().contains("--role=leader"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BrokerOptions.parse(new String[] {"--port=x", "--data-dir=/tmp/b"}, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> BrokerOptions.parse(new String[] {"-p"}, Map.of()));
    }

    @Test
    void pagingBoundsDefaultToAShareOfTheHeap() throws Exception {
        BrokerOptions o = BrokerOptions.parse(new String[] {"--data-dir=/tmp/b"}, Map.of(), 512L << 20);
        assertEquals(128L << 20, o.globalMaxBytes(), "a quarter of a 512 MiB heap");
        assertEquals(512L << 10, o.nodeQueueMaxBytes());
        assertEquals(64 << 10, o.nodeQueuePageBytes());
        var config = PairConfigurationFactory.create(o);
        assertEquals(128L << 20, config.getGlobalMaxSize());
        var nodeQueues = config.getAddressSettings().get(QueueNames.NODE_QUEUE_MATCH);
        assertEquals(AddressFullMessagePolicy.PAGE, nodeQueues.getAddressFullMessagePolicy());
        assertEquals(512L << 10, nodeQueues.getMaxSizeBytes());
        assertEquals(64 << 10, nodeQueues.getPageSizeBytes());
        assertEquals(512 << 10, nodeQueues.getMaxReadPageBytes());
        assertTrue(nodeQueues.isDefaultLastValueQueue(), "CloudCore's last-value rule is kept");
    }

    @Test
    void pagingBoundsAreReadAndChecked() {
        BrokerOptions o = BrokerOptions.parse(new String[] {"--data-dir=/tmp/b", "--global-max-size=64m",
            "--node-queue-max-size=2m", "--node-queue-page-size=128k"}, Map.of(), 256L << 20);
        assertEquals(64L << 20, o.globalMaxBytes());
        assertEquals(2L << 20, o.nodeQueueMaxBytes());
        assertEquals(128 << 10, o.nodeQueuePageBytes());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> BrokerOptions.parse(
                new String[] {"--data-dir=/tmp/b", "--node-queue-max-size=64k", "--node-queue-page-size=1m"},
                Map.of()));
        assertTrue(big.getMessage().contains("--node-queue-page-size"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BrokerOptions.parse(
                new String[] {"--data-dir=/tmp/b", "--global-max-size=1m", "--node-queue-max-size=2m"}, Map.of()));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> BrokerOptions.parse(
                new String[] {"--data-dir=/tmp/b", "--global-max-size=lots"}, Map.of()));
        assertTrue(bad.getMessage().contains("--global-max-size=lots"), bad.getMessage());
    }
}
