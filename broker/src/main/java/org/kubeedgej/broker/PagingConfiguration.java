package org.kubeedgej.broker;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * Bounds what the standalone broker holds in heap, so a backlog pages to disk instead of exhausting it (at 2,000
 * msg/s to 1,000 nodes a 256 MiB broker ran out of heap: docs/benchmarks.md, "CloudCore: two replicas against
 * one"). Two bounds, both Artemis's own: the global max size over all addresses (a share of the heap, see
 * {@link BrokerOptions#globalMaxBytes()}), and a max size per node-queue address, so one offline node's backlog
 * pages on its own before it takes the budget every node shares. Node queues get small page files too: Artemis
 * keeps the page being read of each paging address in memory, and there is one address per node.
 */
final class PagingConfiguration {

    private PagingConfiguration() {
        throw new AssertionError();
    }

    static Configuration apply(Configuration config, BrokerOptions options) {
        config.setGlobalMaxSize(options.globalMaxBytes());
        AddressSettings any = config.getAddressSettings().get("#");
        AddressSettings nodeQueues = config.getAddressSettings().get(QueueNames.NODE_QUEUE_MATCH);
        if (any == null || nodeQueues == null) {
            throw new IllegalStateException("CloudCore's broker configuration has no settings for # or "
                    + QueueNames.NODE_QUEUE_MATCH + "; the standalone broker adds its paging bounds to them");
        }
        // PAGE is Artemis's default; said here because the bounds mean nothing under BLOCK, FAIL or DROP.
        any.setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE);
        int pageBytes = options.nodeQueuePageBytes();
        nodeQueues.setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxSizeBytes(options.nodeQueueMaxBytes())
                .setPageSizeBytes(pageBytes)
                // Read back a page's worth ahead of the consumer; stop reading while the messages read and not yet
                // acknowledged reach the address's bound (Artemis counts deliveries awaiting an ack here). CloudHub
                // keeps up to nodeMaxInFlight (100) deliveries per node unacknowledged until the edge acks: a
                // paging node may have as many in flight as one that is not, and holds no more heap.
                .setPrefetchPageBytes(pageBytes)
                .setMaxReadPageBytes((int) Math.min(Integer.MAX_VALUE, options.nodeQueueMaxBytes()));
        return config;
    }
}
