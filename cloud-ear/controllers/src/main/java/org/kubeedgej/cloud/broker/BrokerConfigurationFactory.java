package org.kubeedgej.cloud.broker;

import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * Builds the embedded broker's configuration: the destinations of DESIGN.md "Cloud: how the parts talk" and the
 * rules they live by. Kept apart from the lifecycle so the rules can be read (and tested) on their own.
 */
public final class BrokerConfigurationFactory {

    /** After this many failed deliveries a message goes to {@link #DEAD_LETTER_QUEUE} instead of looping. */
    public static final int MAX_DELIVERY_ATTEMPTS = 5;
    public static final String DEAD_LETTER_QUEUE = "DLQ";
    public static final String EXPIRY_QUEUE = "ExpiryQueue";
    /**
     * First chunk of a node queue's hand-over buffer (Artemis's initial-queue-buffer-size, 8,192 by default): every
     * queue allocates it whole, 32 KiB of heap per known node, whether or not the node ever gets a burst. A node gets
     * few messages at a time, and the buffer grows by further chunks when it does.
     */
    public static final int NODE_QUEUE_BUFFER_SIZE = 128;

    private BrokerConfigurationFactory() {
        throw new AssertionError();
    }

    /**
     * @param host the address the CORE acceptor binds to (loopback unless told otherwise)
     * @param port the CORE acceptor's port
     * @param dataDir journal, bindings, paging and large-message directories go below this
     * @param journalSync whether each non-transactional operation is forced to disk ({@link BrokerConfig#journalSync()})
     * @return a persistent broker configuration
     * @throws Exception when the acceptor URI is malformed
     */
    public static Configuration create(String host, int port, Path dataDir, boolean journalSync) throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("cloudcore")
                // Downstream messages must survive a CloudCore restart while a node is offline.
                .setPersistenceEnabled(true)
                // Only loopback clients reach the acceptor by default, and those are this server's own adapter.
                .setSecurityEnabled(false)
                // No libaio on our machines; NIO works everywhere.
                .setJournalType(JournalType.NIO)
                .setJournalSyncNonTransactional(journalSync)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("largemessages").toString())
                // Liberty owns the platform MBean server; the broker's MBeans are not needed.
                .setJMXManagementEnabled(false)
                // directDeliver=false: Artemis's direct delivery (a send over TCP handed straight to a waiting
                // consumer) skips a last-value queue's clean-up, so every acknowledged message with a key of its own
                // (each delete's) stayed in the queue's map for good: 225,696 of them held 855 MiB in a benchmark.
                // Sends in this JVM (in-VM) never deliver directly; now sends over TCP queue the same way.
                .addAcceptorConfiguration("core", "tcp://" + host + ":" + port + "?protocols=CORE&directDeliver=false")
                // CloudHub reads the node queues in this JVM: no socket, no encoding (BrokerConfig#inProcessUrl).
                .addAcceptorConfiguration("invm", BrokerConfig.IN_VM_URL);

        config.addAddressSetting("#", deadLetterAndExpiry(new AddressSettings()));
        config.addAddressSetting(QueueNames.UPSTREAM, deadLetterAndExpiry(new AddressSettings()));
        config.addAddressSetting(QueueNames.NODE_QUEUE_MATCH, nodeQueueSettings());

        config.addQueueConfiguration(QueueConfiguration.of(QueueNames.UPSTREAM)
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        // Device events: a multicast address that exists from the start, so subscribers may attach before the
        // first event (QueueNames.DEVICE_EVENTS).
        config.addAddressConfiguration(new CoreAddressConfiguration().setName(QueueNames.DEVICE_EVENTS)
                .addRoutingType(RoutingType.MULTICAST));
        // Session claims between replicas: multicast, each replica's subscription its own.
        config.addAddressConfiguration(new CoreAddressConfiguration().setName(QueueNames.SESSION_CLAIMS)
                .addRoutingType(RoutingType.MULTICAST));
        config.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTER_QUEUE)
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        config.addQueueConfiguration(QueueConfiguration.of(EXPIRY_QUEUE)
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        return config;
    }

    /**
     * One queue per node, created when the first message for that node is sent, as a last-value queue: a newer
     * version of an object replaces the older one still waiting, so an offline node gets only the latest state.
     */
    private static AddressSettings nodeQueueSettings() {
        return deadLetterAndExpiry(new AddressSettings())
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setDefaultLastValueQueue(true)
                .setDefaultLastValueKey(SimpleString.of(QueueNames.LAST_VALUE_KEY))
                .setInitialQueueBufferSize(NODE_QUEUE_BUFFER_SIZE)
                // A node queue holds state for a node that may be offline for days: never drop it when idle.
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false);
    }

    private static AddressSettings deadLetterAndExpiry(AddressSettings settings) {
        return settings
                .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE))
                .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS);
    }
}
