package org.kubeedgej.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.TreeSet;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kubeedgej.cloud.messaging.QueueNames;

/**
 * The replicated pair in real processes: durable messages acknowledged by the primary, kill -9 of the primary, the
 * backup takes over, and the same client session (failover on) sends on and reads every message, those acknowledged
 * before the kill included.
 */
class BrokerPairFailoverTest {

    // Unused by the system tests (their ports end below 26000) and by bin/kubeedge-j (61616-61617).
    private static final int PRIMARY_PORT = 29616;
    private static final int BACKUP_PORT = 29617;
    private static final int BEFORE_KILL = 100;
    private static final int AFTER_KILL = 100;
    private static final int MAX_SEND_TRIES = 50;

    @Test
    void backupTakesOverAndNothingAcknowledgedIsLost(@TempDir Path dir) throws Exception {
        try (BrokerProcess primary = BrokerProcess.start("primary", BrokerRole.PRIMARY, PRIMARY_PORT, BACKUP_PORT,
                dir.resolve("primary"));
                BrokerProcess backup = BrokerProcess.start("backup", BrokerRole.BACKUP, BACKUP_PORT, PRIMARY_PORT,
                        dir.resolve("backup"))) {
            primary.awaitLine(StandaloneBrokerMain.ACTIVE_LINE, 60);
            backup.awaitLine(StandaloneBrokerMain.IN_SYNC_LINE, 60);

            try (ServerLocator locator = ActiveMQClient.createServerLocator("(tcp://127.0.0.1:" + PRIMARY_PORT
                    + ",tcp://127.0.0.1:" + BACKUP_PORT + ")?ha=true&reconnectAttempts=-1&retryInterval=200"
                    + "&retryIntervalMultiplier=1&clientFailureCheckPeriod=1000&connectionTTL=5000");
                    ClientSessionFactory factory = locator.createSessionFactory();
                    ClientSession session = factory.createSession(false, true, true)) {
                ClientProducer producer = session.createProducer(QueueNames.UPSTREAM);
                for (int seq = 0; seq < BEFORE_KILL; seq++) {
                    send(session, producer, seq);
                }

                long killed = System.nanoTime();
                primary.killNine();
                backup.awaitLine(StandaloneBrokerMain.ACTIVE_LINE, 60);
                long active = System.nanoTime();
                int retries = 0;
                long firstSent = 0;
                for (int seq = BEFORE_KILL; seq < BEFORE_KILL + AFTER_KILL; seq++) {
                    retries += send(session, producer, seq);
                    if (firstSent == 0) {
                        firstSent = System.nanoTime();
                    }
                }
                System.out.printf("broker failover: backup active %.1f s after kill -9 of the primary, first send"
                        + " after the kill done %.1f s after it (%d retried sends)%n",
                        (active - killed) / 1e9, (firstSent - killed) / 1e9, retries);

                session.start();
                TreeSet<Integer> received = new TreeSet<>();
                int deliveries = 0;
                try (ClientConsumer consumer = session.createConsumer(QueueNames.UPSTREAM)) {
                    for (ClientMessage m; (m = consumer.receive(5000)) != null; ) {
                        m.acknowledge();
                        received.add(m.getIntProperty("seq"));
                        deliveries++;
                    }
                }
                assertEquals(BEFORE_KILL + AFTER_KILL, received.size(),
                        "every message acknowledged by a broker is read back; missing: " + missing(received));
                assertTrue(deliveries >= received.size());
                System.out.printf("broker failover: %d messages read back (%d deliveries)%n", received.size(),
                        deliveries);
            }
        }
    }

    /** A durable send, retried while the session fails over (a send cut off by it may or may not have landed). */
    private static int send(ClientSession session, ClientProducer producer, int seq) throws Exception {
        for (int tries = 0; ; tries++) {
            try {
                ClientMessage message = session.createMessage(true);
                message.putIntProperty("seq", seq);
                producer.send(message);
                return tries;
            } catch (ActiveMQException e) {
                if (tries >= MAX_SEND_TRIES) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static TreeSet<Integer> missing(TreeSet<Integer> received) {
        TreeSet<Integer> missing = new TreeSet<>();
        for (int seq = 0; seq < BEFORE_KILL + AFTER_KILL; seq++) {
            if (!received.contains(seq)) {
                missing.add(seq);
            }
        }
        return missing;
    }
}
