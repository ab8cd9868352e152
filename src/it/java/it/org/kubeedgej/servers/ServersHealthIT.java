package it.org.kubeedgej.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.Stoppables;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged cloudcore and edgecore servers, started as an operator would run them, answer their
 * MicroProfile Health endpoints with named checks that follow real state.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServersHealthIT {

    private static final int CLOUDCORE_PORT = 19080;
    private static final int EDGECORE_PORT = 19081;

    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;

    @BeforeAll
    static void startServers() {
        cluster = DevCluster.start();
        cloudcore = LibertyServer.start("cloudcore", CLOUDCORE_PORT,
                Map.of("KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString()));
        edgecore = LibertyServer.start("edgecore", EDGECORE_PORT,
                Map.of("MODULES_EDGED_HOSTNAMEOVERRIDE", "it-edge-1", "MODULES_EDGEHUB_ENABLE", "false"));
    }

    @AfterAll
    static void stopServers() {
        Stoppables.stopAll(edgecore, cloudcore, cluster);
    }

    @Test
    @Order(1)
    void cloudcoreIsReadyWhenTheApiServerAnswers() throws IOException {
        JsonObject ready = awaitHealth(cloudcore.url("/health/ready"), 200);
        assertEquals("UP", ready.getString("status"));
        JsonObject kubeApi = Http.check(ready, "kube-api-server");
        assertEquals("UP", kubeApi.getString("status"));
        assertEquals(cluster.url(), kubeApi.getJsonObject("data").getString("server"));
        assertTrue(kubeApi.getJsonObject("data").getString("version").startsWith("v1."), kubeApi.toString());
    }

    @Test
    @Order(2)
    void cloudcoreIsLiveAndStarted() throws IOException {
        JsonObject live = Http.json(Http.get(cloudcore.url("/health/live")).body());
        assertEquals("UP", Http.check(live, "cloudcore-heap").getString("status"));
        JsonObject started = Http.json(Http.get(cloudcore.url("/health/started")).body());
        assertEquals("UP", Http.check(started, "cloudcore-started").getString("status"));
    }

    @Test
    @Order(3)
    void edgecoreIsReadyWithItsDatabaseOpen() throws IOException {
        // EventBus's clients connect to its broker a few seconds after start; readiness waits for them.
        JsonObject ready = awaitHealth(edgecore.url("/health/ready"), 200);
        JsonObject database = Http.check(ready, "edge-database");
        assertEquals("UP", database.getString("status"));
        assertTrue(database.getJsonObject("data").getString("product").startsWith("Apache Derby"), database.toString());
        JsonObject eventBus = Http.check(ready, "eventbus");
        assertEquals("UP", eventBus.getString("status"), eventBus.toString());
        assertEquals("listening", eventBus.getJsonObject("data").getString("internalBroker"));
    }

    @Test
    @Order(4)
    void edgecoreIsLiveAndStartedForItsNode() throws IOException {
        JsonObject live = Http.json(Http.get(edgecore.url("/health/live")).body());
        assertEquals("UP", Http.check(live, "edgecore-heap").getString("status"));
        JsonObject started = Http.check(Http.json(Http.get(edgecore.url("/health/started")).body()),
                "edgecore-started");
        assertEquals("UP", started.getString("status"));
        assertEquals("it-edge-1", started.getJsonObject("data").getString("node"));
    }

    @Test
    @Order(5)
    void cloudcoreIsNotReadyWhileTheApiServerIsGoneAndRecovers() throws IOException {
        cluster.stop();
        JsonObject down = awaitHealth(cloudcore.url("/health/ready"), 503);
        JsonObject kubeApi = Http.check(down, "kube-api-server");
        assertEquals("DOWN", kubeApi.getString("status"));
        String error = kubeApi.getJsonObject("data").getString("error");
        assertTrue(error.contains("cannot reach the Kubernetes API server") && error.contains("KUBECONFIG"), error);
        // Liveness must not follow the API server: restarting cloudcore would not bring it back.
        assertEquals(200, Http.get(cloudcore.url("/health/live")).statusCode());

        cluster.restart();
        JsonObject up = awaitHealth(cloudcore.url("/health/ready"), 200);
        assertEquals("UP", Http.check(up, "kube-api-server").getString("status"));
    }

    private static JsonObject awaitHealth(String url, int expectedStatus) throws IOException {
        return Http.json(await(url, r -> r.statusCode() == expectedStatus).body());
    }

    private static HttpResponse<String> await(String url, Predicate<HttpResponse<String>> condition)
            throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> response = Http.get(url);
        while (!condition.test(response) && System.nanoTime() < deadline) {
            Http.pause(Duration.ofMillis(200));
            response = Http.get(url);
        }
        return response;
    }
}
