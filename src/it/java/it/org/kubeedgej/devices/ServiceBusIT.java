package it.org.kubeedgej.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.NodeQueueClient;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ServiceBus both ways with the real servers: a cloud message addressed to "port:path" calls an app on the edge
 * node's loopback, and an edge app's POST to an allow-listed target URL reaches the cloud (published on the device
 * events topic); a URL not on the list is refused with 403.
 */
class ServiceBusIT {

    /** A fresh edge database per run (kept across this class's edgecore restarts, never from an earlier run). */
    private static final String EDGE_DB_NAME = "edge-db-" + System.nanoTime();
    private static final String NODE = "sb-node";
    private static final int CLOUD_HTTP = 19880;
    private static final int EDGE_HTTP = 19881;
    private static final int SERVICEBUS_PORT = LibertyServer.serviceBusPort(EDGE_HTTP);
    private static final String ALLOWED = "http://cloud.example/api/readings";

    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static HttpServer localApp;
    private static NodeQueueClient queues;
    private static final BlockingQueue<String> appCalls = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "servicebus-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        localApp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        localApp.createContext("/hello", exchange -> {
            appCalls.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            byte[] body = "hi from the edge".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        localApp.start();
        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, EdgeCoreEnv.of(NODE, CLOUD_HTTP + 1000, certs,
                work.resolve(EDGE_DB_NAME),
                "MODULES_SERVICEBUS_TARGETURLS", ALLOWED));
        queues = new NodeQueueClient(LibertyServer.brokerPort(CLOUD_HTTP));
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(queues, edgecore, cloudcore, cluster, () -> {
            if (localApp != null) {
                localApp.stop(0);
            }
        });
    }

    @Test
    void aCloudRequestCallsTheAppOnTheEdgeNodesLoopback() throws Exception {
        String body = Base64.getEncoder().encodeToString("ping".getBytes(StandardCharsets.UTF_8));
        queues.send(NODE, "sb-1", false, NodeQueueClient.message("sb-1", "POST",
                "node/" + NODE + "/" + localApp.getAddress().getPort() + ":/hello",
                "{\"method\":\"POST\",\"header\":{},\"body\":\"" + body + "\"}"));
        String call = appCalls.poll(60, TimeUnit.SECONDS);
        assertEquals("POST ping", call, "the local app got the cloud's request");
    }

    @Test
    void anEdgeAppUploadsToAnAllowListedUrlAndIsRefusedOthers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI servicebus = URI.create("http://127.0.0.1:" + SERVICEBUS_PORT + "/");
        HttpResponse<String> refused = await(http, servicebus, "{\"targetURL\":\"http://elsewhere.example/x\"}");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("allow-list"), refused.body());

        try (ActiveMQConnectionFactory jms = new ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + LibertyServer.brokerPort(CLOUD_HTTP));
                Connection connection = jms.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic("kubeedge.device.events"),
                    "eventType = 'upload'");
            connection.start();
            HttpResponse<String> sent = http.send(HttpRequest.newBuilder(servicebus)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"targetURL\":\"" + ALLOWED
                            + "\",\"payload\":{\"t\":21}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, sent.statusCode(), sent.body());
            TextMessage event = (TextMessage) consumer.receive(60_000);
            assertNotNull(event, "the upload reached the cloud's device events topic");
            assertEquals(ALLOWED, Http.json(event.getText()).getString("topic"));
            assertEquals(NODE, event.getStringProperty("nodeName"));
        }
    }

    private static HttpResponse<String> await(HttpClient http, URI uri, String json) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Http.pause(java.time.Duration.ofMillis(500));
            }
        }
    }
}
