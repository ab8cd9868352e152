package it.org.kubeedgej.devices;

import static it.org.kubeedgej.support.DeviceStatusReads.reported;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.DeviceStatusReads;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.MqttDevice;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EventBus in KubeEdge's mode 2 (external broker only), the mode KubeEdge ships with mosquitto: edgecore starts no
 * MQTT broker of its own and serves devices through a broker it does not own (here a separate Artemis MQTT broker
 * in the test JVM). A mapper on that broker updates a twin, gets its result from edgecore, and the reported value
 * reaches the Device in the API.
 */
class ExternalMqttBrokerIT {

    private static final String NODE = "it-external-mqtt-node";
    private static final int CLOUD_HTTP = 19760;
    private static final int EDGE_HTTP = 19761;
    private static final int EXTERNAL_MQTT = 29761;
    private static final String THERMOMETER = "$hw/events/device/default/thermometer-ext/";

    private static EmbeddedActiveMQ externalBroker;
    private static DevCluster cluster;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static MqttDevice mapper;

    @BeforeAll
    static void start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "external-mqtt-it"));
        externalBroker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("external-mqtt").setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + EXTERNAL_MQTT + "?protocols=MQTT"));
        externalBroker.start();

        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        cloudcore = LibertyServer.start("cloudcore", CLOUD_HTTP, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString()));
        edgecore = LibertyServer.start("edgecore", EDGE_HTTP, EdgeCoreEnv.of(NODE, CLOUD_HTTP + 1000, certs,
                work.resolve("edge-db-" + System.nanoTime()),
                "MODULES_EVENTBUS_MQTTMODE", "2",
                "MODULES_EVENTBUS_MQTTSERVEREXTERNAL", "tcp://127.0.0.1:" + EXTERNAL_MQTT));
        createThermometer();
        mapper = MqttDevice.connect(EXTERNAL_MQTT);
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(mapper, edgecore, cloudcore, cluster, () -> {
            if (externalBroker != null) {
                externalBroker.stop();
            }
        });
    }

    @Test
    void edgecoreServesDevicesThroughTheExternalBrokerAndRunsNoneOfItsOwn() throws Exception {
        JsonObject eventBus = awaitEventBusReady();
        assertEquals(2, eventBus.getJsonObject("data").getInt("mqttMode"), eventBus.toString());
        assertEquals("none", eventBus.getJsonObject("data").getString("internalBroker"), eventBus.toString());
        // Mode 2: nothing listens where the internal broker would be (one attempt: MqttDevice.connect waits up to
        // 60 s for a broker to come up, which is what this must not do).
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", LibertyServer.mqttPort(EDGE_HTTP)).close());

        mapper.subscribe(THERMOMETER + "twin/update/result");
        JsonObject result = awaitResult();
        assertFalse(result.containsKey("code"), "success carries no error code: " + result);

        Map<String, Object> device = DeviceStatusReads.await(cluster.client(), "v1beta1", "thermometer-ext",
                d -> "21".equals(reported(d, "temperature")));
        assertEquals("21", reported(device, "temperature"));
    }

    /** The device may reach the edge's membership a moment after edgecore is up: ask until it is known. */
    private static JsonObject awaitResult() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            mapper.publish(THERMOMETER + "twin/update", "{\"event_id\":\"ext-1\",\"twin\":{\"temperature\":"
                    + "{\"actual\":{\"value\":\"21\"},\"metadata\":{\"type\":\"int\"}}}}");
            String text = mapper.next(THERMOMETER + "twin/update/result", Duration.ofSeconds(2));
            if (text != null) {
                last = Http.json(text);
                if (!last.containsKey("code")) {
                    return last;
                }
            }
        }
        throw new AssertionError("no successful update/result through the external broker in 60 s; last: " + last);
    }

    private static JsonObject awaitEventBusReady() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject check = null;
        while (System.nanoTime() < deadline) {
            try {
                check = Http.check(Http.json(Http.get(edgecore.url("/health/ready")).body()), "eventbus");
                if ("UP".equals(check.getString("status"))) {
                    return check;
                }
            } catch (IOException e) {
                // not answering yet
            }
            Http.pause(Duration.ofMillis(500));
        }
        throw new AssertionError("edgecore's eventbus check never came UP: " + check);
    }

    private static void createThermometer() throws Exception {
        CustomObjectsApi api = new CustomObjectsApi(cluster.client());
        api.createNamespacedCustomObject(DeviceStatusReads.GROUP, "v1beta1", "default", "devicemodels", Map.of(
                "apiVersion", DeviceStatusReads.GROUP + "/v1beta1", "kind", "DeviceModel",
                "metadata", Map.of("name", "thermometer-model", "namespace", "default"),
                "spec", Map.of("properties", List.of(Map.of("name", "temperature", "type", "INT",
                        "accessMode", "ReadOnly"))))).execute();
        api.createNamespacedCustomObject(DeviceStatusReads.GROUP, "v1beta1", "default", "devices", Map.of(
                "apiVersion", DeviceStatusReads.GROUP + "/v1beta1", "kind", "Device",
                "metadata", Map.of("name", "thermometer-ext", "namespace", "default"),
                "spec", Map.of("deviceModelRef", Map.of("name", "thermometer-model"), "nodeName", NODE)))
                .execute();
    }
}
