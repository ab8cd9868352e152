package it.org.kubeedgej.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.FileTrees;
import it.org.kubeedgej.support.LibertyServer;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged cloudcore server runs its embedded Artemis broker and the Artemis resource adapter: a plain JMS
 * client outside the server reaches the upstream MDB, poison messages end in the DLQ, node queues keep only the
 * newest update per object (deletes always kept), and queued messages survive a restart.
 *
 * <p>No Kubernetes API server runs here, so cloudcore's overall readiness is DOWN; only the jms-broker check
 * is asserted. Ports (HTTP 19580, broker 19616, CloudHub 19510) are apart from the other server tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudCoreJmsIT {

    private static final int HTTP_PORT = 19580;
    private static final int BROKER_PORT = 19616;
    private static final String BROKER_URL = "tcp://127.0.0.1:" + BROKER_PORT;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The names CloudCore uses (org.kubeedgej.cloud.messaging.QueueNames), repeated as a client must. */
    private static final String UPSTREAM = "kubeedge.upstream";
    private static final String NODE = "it-jms-node-1";
    private static final String NODE_QUEUE = "kubeedge.node." + NODE;
    /** Sends upstream; answers to it go to its own queue, away from NODE's. */
    private static final String UPSTREAM_NODE = "it-jms-node-up";
    private static final String NODE_ID = "kubeedgeNodeId";
    private static final String LAST_VALUE_KEY = "_AMQ_LVQ_NAME";

    private static Map<String, String> env;
    private static LibertyServer cloudcore;
    private static ActiveMQConnectionFactory client;

    @BeforeAll
    static void startCloudcore() throws IOException {
        // Outside the Liberty user directory, which LibertyServer.start wipes: the restart test needs the journal.
        Path dataDir = Path.of(System.getProperty("it.work.dir"), "cloudcore-jms-artemis");
        FileTrees.delete(dataDir);
        env = Map.of(
                "MODULES_CLOUDHUB_BROKER_PORT", String.valueOf(BROKER_PORT),
                "MODULES_CLOUDHUB_BROKER_DATADIR", dataDir.toString(),
                "CLOUDHUB_PORT", "19510");
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, env);
        client = new ActiveMQConnectionFactory(BROKER_URL);
    }

    @AfterAll
    static void stopCloudcore() {
        if (client != null) {
            client.close();
        }
        if (cloudcore != null) {
            cloudcore.close();
        }
    }

    @Test
    @Order(1)
    void readinessReportsTheEmbeddedBrokerUp() throws IOException {
        JsonObject broker = awaitBrokerCheck("UP");
        assertEquals("embedded", broker.getJsonObject("data").getString("mode"), broker.toString());
        assertEquals(BROKER_URL, broker.getJsonObject("data").getString("url"), broker.toString());
    }

    @Test
    @Order(2)
    void anUpstreamMessageFromAPlainJmsClientReachesTheMdbAndIsAnswered() throws Exception {
        String id = UUID.randomUUID().toString();
        try (JMSContext context = client.createContext()) {
            // Not in CloudHub's cloud form (no node/<node>/ prefix), so no controller takes it.
            TextMessage message = context.createTextMessage("{\"header\":{\"msg_id\":\"" + id
                    + "\"},\"route\":{\"source\":\"edged\",\"group\":\"meta\",\"operation\":\"update\","
                    + "\"resource\":\"default/podstatus/p1\"},\"content\":{}}");
            message.setStringProperty(NODE_ID, UPSTREAM_NODE);
            context.createProducer().send(context.createQueue(UPSTREAM), message);
        }
        awaitLog("first upstream message from node " + UPSTREAM_NODE + " received");
        try (JMSContext context = client.createContext();
                JMSConsumer answers = context.createConsumer(context.createQueue("kubeedge.node." + UPSTREAM_NODE))) {
            Message answer = answers.receive(WAIT.toMillis());
            assertNotNull(answer, "the node got no answer to a message no controller takes");
            String body = answer.getBody(String.class);
            assertTrue(body.contains("\"parent_msg_id\":\"" + id + "\"") && body.contains("\"code\":404"), body);
        }
    }

    @Test
    @Order(3)
    void aMessageTheMdbCannotDecodeEndsInTheDlqAfterFiveAttempts() throws Exception {
        String marker = UUID.randomUUID().toString();
        try (JMSContext context = client.createContext()) {
            // No node id property: the MDB rejects it on every delivery.
            TextMessage poison = context.createTextMessage("{\"poison\":\"" + marker + "\"}");
            context.createProducer().send(context.createQueue(UPSTREAM), poison);
        }
        try (JMSContext context = client.createContext();
                JMSConsumer dlq = context.createConsumer(context.createQueue("DLQ"))) {
            Message dead = dlq.receive(WAIT.toMillis());
            assertNotNull(dead, "nothing reached the DLQ within " + WAIT + "; see " + cloudcore.messagesLog());
            assertTrue(dead.getBody(String.class).contains(marker), dead.getBody(String.class));
        }
        awaitLog("rejected on delivery attempt 5");
    }

    @Test
    @Order(4)
    void aNodeQueueKeepsOnlyTheNewestUpdatePerObjectAndEveryDelete() throws Exception {
        try (JMSContext context = client.createContext()) {
            Queue queue = context.createQueue(NODE_QUEUE);
            sendDownstream(context, queue, "uid-a", "uid-a v1");
            sendDownstream(context, queue, "uid-a", "uid-a v2");
            sendDownstream(context, queue, "uid-b:delete:" + UUID.randomUUID(), "uid-b delete");
            sendDownstream(context, queue, "uid-a:delete:" + UUID.randomUUID(), "uid-a delete");
        }
        assertEquals(List.of("uid-a v2", "uid-b delete", "uid-a delete"), browse(NODE_QUEUE));
    }

    @Test
    @Order(5)
    void queuedMessagesSurviveARestart() throws Exception {
        cloudcore.close();
        cloudcore = LibertyServer.start("cloudcore", HTTP_PORT, env);
        awaitBrokerCheck("UP");
        List<String> received = new ArrayList<>();
        try (JMSContext context = client.createContext();
                JMSConsumer consumer = context.createConsumer(context.createQueue(NODE_QUEUE))) {
            Message message;
            while ((message = consumer.receive(3_000)) != null) {
                received.add(message.getBody(String.class));
            }
        }
        assertEquals(List.of("uid-a v2", "uid-b delete", "uid-a delete"), received);
    }

    private static void sendDownstream(JMSContext context, Queue queue, String key, String body)
            throws JMSException {
        TextMessage message = context.createTextMessage(body);
        message.setStringProperty(LAST_VALUE_KEY, key);
        message.setStringProperty(NODE_ID, NODE);
        context.createProducer().send(queue, message);
    }

    private static List<String> browse(String queueName) throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (JMSContext context = client.createContext();
                QueueBrowser browser = context.createBrowser(context.createQueue(queueName))) {
            for (Object message : Collections.list(browser.getEnumeration())) {
                bodies.add(((Message) message).getBody(String.class));
            }
        }
        return bodies;
    }

    private static JsonObject awaitBrokerCheck(String status) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonObject check = Http.check(Http.json(Http.get(cloudcore.url("/health/ready")).body()), "jms-broker");
        while (!status.equals(check.getString("status")) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(250));
            check = Http.check(Http.json(Http.get(cloudcore.url("/health/ready")).body()), "jms-broker");
        }
        assertEquals(status, check.getString("status"), check.toString());
        return check;
    }

    private static void awaitLog(String text) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(cloudcore.messagesLog())
                    && Files.readString(cloudcore.messagesLog(), StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Http.pause(Duration.ofMillis(250));
        }
        throw new AssertionError("'" + text + "' did not appear in " + cloudcore.messagesLog() + " within " + WAIT);
    }
}
