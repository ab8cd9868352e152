package org.kubeedgej.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The broker layouts CloudCore replicas can share, each started from the shipped broker jar, with the client URLs
 * CloudCore's two sides would use: the producer is the controllers' {@code jms/kubeedge} (server.xml:
 * reconnectAttempts=2, retryInterval=1000), the consumers CloudHub's node queues (ArtemisNodeQueues: retry forever,
 * 64 kB read-ahead). In the cluster the producer is on broker A and the consumers on broker B, as when a node's
 * session is on the replica that did not queue; Artemis clients fail over only to a backup, so there the bench
 * moves a client whose broker is gone to the other broker itself (bounded retries, then the next URL), which is
 * what CloudCore would need for this layout.
 */
enum BrokerTopology {

    SINGLE("one broker"),
    PAIR("replicated pair"),
    CLUSTER("symmetric cluster of 2");

    private static final String PRODUCER_PARAMS = "reconnectAttempts=2&retryInterval=1000";
    private static final String CONSUMER_PARAMS = "reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=2"
            + "&maxRetryInterval=5000&consumerWindowSize=65536";
    private static final String CLUSTER_CONSUMER_PARAMS = "reconnectAttempts=2&retryInterval=500"
            + "&consumerWindowSize=65536";

    private final String label;

    BrokerTopology(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * The running brokers of one layout and where each side connects.
     *
     * @param brokers the processes; for the pair the primary first, for the cluster A (the producer's) first
     * @param producerUrls tried in turn when the connection is lost for good
     * @param consumerUrls the same for the node queue consumers
     */
    record Running(List<BrokerNodeProcess> brokers, List<String> producerUrls, List<String> consumerUrls)
            implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            // The backup before the primary, as bin/kubeedge-j down does.
            for (int i = brokers.size() - 1; i >= 0; i--) {
                brokers.get(i).close();
            }
        }
    }

    /** Starts the layout's brokers on ports from {@code basePort} with journals below {@code dir}, ready to use. */
    Running start(Path brokerJar, Path dir, int basePort) throws IOException, InterruptedException {
        String first = "tcp://127.0.0.1:" + basePort;
        String second = "tcp://127.0.0.1:" + (basePort + 1);
        switch (this) {
            case SINGLE -> {
                BrokerNodeProcess single = BrokerNodeProcess.start(brokerJar, dir, "single", "single", basePort, 0);
                single.awaitLine(BrokerNodeProcess.ACTIVE, 60);
                return new Running(List.of(single), List.of(first + "?" + PRODUCER_PARAMS),
                        List.of(first + "?" + CONSUMER_PARAMS));
            }
            case PAIR -> {
                BrokerNodeProcess primary = BrokerNodeProcess.start(brokerJar, dir, "primary", "primary", basePort,
                        basePort + 1);
                primary.awaitLine(BrokerNodeProcess.ACTIVE, 60);
                BrokerNodeProcess backup = BrokerNodeProcess.start(brokerJar, dir, "backup", "backup", basePort + 1,
                        basePort);
                backup.awaitLine(BrokerNodeProcess.IN_SYNC, 60);
                String pair = "(" + first + "," + second + ")?ha=true&";
                return new Running(List.of(primary, backup), List.of(pair + PRODUCER_PARAMS),
                        List.of(pair + CONSUMER_PARAMS));
            }
            default -> {
                BrokerNodeProcess a = BrokerNodeProcess.start(brokerJar, dir, "cluster-a", "clustered", basePort,
                        basePort + 1);
                BrokerNodeProcess b = BrokerNodeProcess.start(brokerJar, dir, "cluster-b", "clustered",
                        basePort + 1, basePort);
                a.awaitLine(BrokerNodeProcess.JOINED, 60);
                b.awaitLine(BrokerNodeProcess.JOINED, 60);
                return new Running(List.of(a, b),
                        List.of(first + "?" + PRODUCER_PARAMS, second + "?" + PRODUCER_PARAMS),
                        List.of(second + "?" + CLUSTER_CONSUMER_PARAMS, first + "?" + CLUSTER_CONSUMER_PARAMS));
            }
        }
    }
}
