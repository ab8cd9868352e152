package org.kubeedgej.bench;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What the replica benchmark compares: CloudCore replicas and the broker their node queues are on. Each layout has
 * its own 30 ports from the base port, so a later layout never meets an earlier one's sockets in TIME_WAIT: the API
 * server at +0, the pair's primary and backup at +1 and +2, an embedded broker at +3, and replica r (0, 1) at
 * +10+10r (HTTP) to +15+10r (CloudHub, certificate service, stream, tunnel, stream backend).
 */
enum ReplicaLayout {

    ONE("one CloudCore on the broker pair", 1, true),
    TWO("two CloudCore replicas on the broker pair", 2, true),
    EMBEDDED("one CloudCore on its embedded broker", 1, false);

    private final String label;
    private final int replicas;
    private final boolean pair;

    ReplicaLayout(String label, int replicas, boolean pair) {
        this.label = label;
        this.replicas = replicas;
        this.pair = pair;
    }

    String label() {
        return label;
    }

    int replicas() {
        return replicas;
    }

    /** @return whether the replicas use the standalone broker pair (else each its embedded broker) */
    boolean pair() {
        return pair;
    }

    int apiServerPort(int basePort) {
        return first(basePort);
    }

    int primaryPort(int basePort) {
        return first(basePort) + 1;
    }

    int backupPort(int basePort) {
        return first(basePort) + 2;
    }

    int embeddedBrokerPort(int basePort) {
        return first(basePort) + 3;
    }

    /** @return replica r's HTTP port; its CloudHub is +1, certificate service +2, stream +3, tunnel +4, backend +5 */
    int httpPort(int basePort, int replica) {
        return first(basePort) + 10 + 10 * replica;
    }

    /** @return every port the layout listens on, to check they are free before it starts */
    List<Integer> ports(int basePort) {
        List<Integer> replicaPorts = IntStream.range(0, replicas)
                .flatMap(r -> IntStream.rangeClosed(0, 5).map(i -> httpPort(basePort, r) + i)).boxed().toList();
        List<Integer> brokers = pair ? List.of(primaryPort(basePort), backupPort(basePort))
                : List.of(embeddedBrokerPort(basePort));
        return java.util.stream.Stream.of(List.of(apiServerPort(basePort)), brokers, replicaPorts)
                .flatMap(List::stream).toList();
    }

    private int first(int basePort) {
        return basePort + 30 * ordinal();
    }
}
