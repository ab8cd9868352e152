package it.org.kubeedgej.devices;

import static it.org.kubeedgej.support.DeviceStatusReads.reported;
import static it.org.kubeedgej.support.DeviceStatusReads.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.DeviceStatusReads;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.Http;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.MqttDevice;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Devices end to end with the real servers: the seed's v1alpha1 manifests applied with kubectl, membership at the
 * edge, a Paho "mapper" on edgecore's MQTT broker updating and reading twins, reported values and state in the
 * Device status, desired values arriving as delta, KubeEdge's result codes for bad input, device events on the
 * JMS topic for a plain Artemis client (durable subscription included, each real change once by eventId across a
 * cloudcore restart), updates made while the cloud is away, and
 * devices and twins kept across an edgecore restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceIT {

    /** A fresh edge database per run (kept across this class's edgecore restarts, never from an earlier run). */
    private static final String EDGE_DB_NAME = "edge-db-" + System.nanoTime();
    /** CloudCore's broker journal, kept across this class's cloudcore restarts as in production. */
    private static final String BROKER_DIR_NAME = "cloud-broker-" + System.nanoTime();
    private static final String NODE = "edge-node";
    private static final int CLOUD_HTTP = 19780;
    private static final int HUB_PORT = CLOUD_HTTP + 1000;
    private static final int BROKER_PORT = LibertyServer.brokerPort(CLOUD_HTTP);
    private static final int EDGE_HTTP = 19781;
    private static final int MQTT_PORT = LibertyServer.mqttPort(EDGE_HTTP);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GROUP = DeviceStatusReads.GROUP;
    private static final String SENSOR = "$hw/events/device/default/sensor-tag01/";
    private static final String DURABLE = "it-durable";

    private static Path work;
    private static DevCluster cluster;
    private static TestCertificates certs;
    private static LibertyServer cloudcore;
    private static LibertyServer edgecore;
    private static MqttDevice mapper;
    private static ActiveMQConnectionFactory jms;
    private static Connection events;
    private static MessageConsumer eventConsumer;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "device-it"));
        certs = TestCertificates.generate(work.resolve("certs"), NODE);
        cluster = DevCluster.start().installProjectCrds();
        cloudcore = startCloudCore();
        edgecore = startEdgeCore();
        mapper = MqttDevice.connect(MQTT_PORT);
        jms = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + BROKER_PORT);
        events = jms.createConnection();
        Session session = events.createSession(false, Session.AUTO_ACKNOWLEDGE);
        eventConsumer = session.createConsumer(session.createTopic("kubeedge.device.events"));
        events.start();
        // A durable subscriber that goes away before the events happen.
        try (Connection durable = jms.createConnection()) {
            durable.setClientID(DURABLE);
            Session s = durable.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createDurableConsumer(s.createTopic("kubeedge.device.events"), DURABLE).close();
        }
    }

    private static LibertyServer startEdgeCore() {
        return LibertyServer.start("edgecore", EDGE_HTTP, EdgeCoreEnv.of(NODE, HUB_PORT, certs,
                work.resolve(EDGE_DB_NAME),
                "MODULES_EDGEHUB_HEARTBEAT", "2",
                "MODULES_EDGEHUB_RECONNECTMAXSECONDS", "2",
                "MODULES_EVENTBUS_MAXPAYLOADBYTES", "65536"));
    }

    private static LibertyServer startCloudCore() {
        return LibertyServer.start("cloudcore", CLOUD_HTTP, Map.of(
                "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                "CLOUDHUB_PORT", String.valueOf(HUB_PORT),
                "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                "MODULES_CLOUDHUB_BROKER_DATADIR", work.resolve(BROKER_DIR_NAME).toString()));
    }

    @AfterAll
    static void stop() {
        Stoppables.stopAll(() -> {
            if (events != null) {
                events.close();
            }
        }, mapper, edgecore, cloudcore, cluster, () -> {
            if (jms != null) {
                jms.close();
            }
        });
    }

    @Test
    @Order(1)
    void seedManifestsApplyWithKubectlAndTheDeviceJoinsItsNode() throws Exception {
        Path examples = Path.of(System.getProperty("kubeedgej.root"), "docs", "examples", "devices");
        kubectl("apply", "-f", examples.resolve("devices_v1alpha1_devicemodel.yaml").toString());
        kubectl("apply", "-f", examples.resolve("devices_v1alpha1_device.yaml").toString());
        assertTrue(kubectl("get", "devices").contains("sensor-tag01"), "kubectl knows kind Device");

        mapper.subscribe("$hw/events/node/" + NODE + "/membership/get/result");
        JsonObject membership = await(() -> {
            mapper.publish("$hw/events/node/" + NODE + "/membership/get", "{\"event_id\":\"m1\"}");
            String text = mapper.next("$hw/events/node/" + NODE + "/membership/get/result", Duration.ofSeconds(2));
            return text == null ? null : Http.json(text);
        }, m -> m.getJsonArray("devices").stream()
                .anyMatch(d -> "default/sensor-tag01".equals(d.asJsonObject().getString("id"))));
        assertEquals("m1", membership.getString("event_id"));
        JsonObject device = membership.getJsonArray("devices").getJsonObject(0);
        assertFalse(device.containsKey("twin"), "KubeEdge lists members without their twins: " + device);
        mapper.subscribe(SENSOR + "twin/get/result");
        mapper.publish(SENSOR + "twin/get", "{\"event_id\":\"g0\"}");
        JsonObject twins = Http.json(require(mapper.next(SENSOR + "twin/get/result", WAIT), "get/result"));
        assertTrue(twins.getJsonObject("twin").containsKey("temperature"), "the model's properties are twins");
        assertEquals("membership-added", nextEvent().getStringProperty("eventType"));
    }

    @Test
    @Order(2)
    void aReportedTwinReachesTheDeviceStatusAndTheEventTopic() throws Exception {
        mapper.subscribe(SENSOR + "twin/update/result", SENSOR + "twin/update/document");
        mapper.publish(SENSOR + "twin/update", "{\"event_id\":\"u1\",\"timestamp\":1,\"twin\":{\"temperature\":"
                + "{\"actual\":{\"value\":\"25\"},\"metadata\":{\"type\":\"int\"}}}}");
        JsonObject result = Http.json(require(mapper.next(SENSOR + "twin/update/result", WAIT), "update/result"));
        assertEquals("u1", result.getString("event_id"));
        assertFalse(result.containsKey("code"), "success carries no error code: " + result);
        JsonObject document = Http.json(require(mapper.next(SENSOR + "twin/update/document", WAIT), "document"));
        assertEquals("25", document.getJsonObject("twin").getJsonObject("temperature").getJsonObject("current")
                .getJsonObject("actual").getString("value"));

        Map<String, Object> status = awaitDevice("v1alpha1", "sensor-tag01",
                d -> "25".equals(reported(d, "temperature")));
        assertEquals("25", reported(status, "temperature"));

        TextMessage event = nextEvent();
        assertEquals("twin-reported", event.getStringProperty("eventType"));
        assertEquals(NODE, event.getStringProperty("nodeName"));
        assertEquals("sensor-tag01", event.getStringProperty("deviceName"));
        assertEquals("25", Http.json(event.getText()).getJsonObject("data").getJsonObject("twins")
                .getString("temperature"));
        assertNull(eventConsumer.receive(1500), "each event once");
    }

    @Test
    @Order(3)
    void twinGetAndStateUpdateAnswerAndStateReachesTheCloud() throws Exception {
        mapper.subscribe(SENSOR + "twin/get/result", SENSOR + "state/update/result");
        mapper.publish(SENSOR + "twin/get", "{\"event_id\":\"g1\"}");
        JsonObject got = Http.json(require(mapper.next(SENSOR + "twin/get/result", WAIT), "get/result"));
        assertEquals("25", got.getJsonObject("twin").getJsonObject("temperature").getJsonObject("actual")
                .getString("value"));

        mapper.publish(SENSOR + "state/update", "{\"event_id\":\"s1\",\"state\":\"online\"}");
        JsonObject state = Http.json(require(mapper.next(SENSOR + "state/update/result", WAIT), "state result"));
        assertEquals("online", state.getJsonObject("device").getString("state"));
        Map<String, Object> device = awaitDevice("v1alpha1", "sensor-tag01",
                d -> "online".equals(status(d).get("state")));
        assertFalse(String.valueOf(status(device).get("lastOnlineTime")).isEmpty());
        assertEquals("state-changed", nextEvent().getStringProperty("eventType"));
    }

    @Test
    @Order(4)
    void aDesiredValueSetInTheCloudArrivesAsDelta() throws Exception {
        Path examples = Path.of(System.getProperty("kubeedgej.root"), "docs", "examples", "devices");
        kubectl("apply", "-f", examples.resolve("devices_v1beta1_devicemodel.yaml").toString());
        kubectl("apply", "-f", examples.resolve("devices_v1beta1_device.yaml").toString());
        Map<String, Object> device = awaitDevice("v1beta1", betaDevice(), d -> true);
        String prefix = "$hw/events/device/default/" + betaDevice() + "/";
        mapper.subscribe(prefix + "twin/update/delta");
        String property = firstProperty(device);
        patchDesired(betaDevice(), property, "42");
        JsonObject delta = await(() -> {
            String text = mapper.next(prefix + "twin/update/delta", Duration.ofSeconds(2));
            return text == null ? null : Http.json(text);
        }, d -> "42".equals(d.getJsonObject("delta").getString(property, "")));
        assertEquals("42", delta.getJsonObject("twin").getJsonObject(property).getJsonObject("expected")
                .getString("value"));
    }

    @Test
    @Order(5)
    void badRequestsGetKubeEdgeResultCodesAndDisturbNothing() throws Exception {
        String result = SENSOR + "twin/update/result";
        mapper.clear();
        mapper.publish(SENSOR + "twin/update", "{not json");
        assertEquals(400, code(result));
        mapper.publish(SENSOR + "twin/update", "{\"event_id\":\"t\",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"warm\"},\"metadata\":{\"type\":\"int\"}}}}");
        assertEquals(400, code(result), "a value that is not of the twin's type");
        mapper.publish(SENSOR + "twin/update", "{\"event_id\":\"k\",\"twin\":{\"bad key!\":{\"actual\":"
                + "{\"value\":\"1\"}}}}");
        assertEquals(400, code(result), "a twin name KubeEdge does not allow");
        mapper.publish(SENSOR + "twin/update", "{\"event_id\":\"v\",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"20\"},\"actual_version\":{\"cloud\":0,\"edge\":0}}}}");
        JsonObject old = Http.json(require(mapper.next(result, WAIT), "result of an update naming an old version"));
        assertEquals("v", old.getString("event_id"));
        assertFalse(old.containsKey("code"), "KubeEdge takes a mapper's update whatever version it names: " + old);
        byte[] big = ("{\"event_id\":\"b\",\"twin\":{\"temperature\":{\"actual\":{\"value\":\""
                + "9".repeat(70_000) + "\"}}}}").getBytes(StandardCharsets.UTF_8);
        mapper.publish(SENSOR + "twin/update", big);
        assertEquals(400, code(result), "an oversized payload");
        String unknown = "$hw/events/device/default/no-such-device/twin/update/result";
        mapper.subscribe(unknown);
        mapper.publish("$hw/events/device/default/no-such-device/twin/update", "{\"twin\":{}}");
        assertEquals(404, codeOf(mapper.next(unknown, WAIT)));
        mapper.publish("$hw/events/device/default/sensor-tag01/unknown/thing", "{}");

        mapper.publish(SENSOR + "twin/update", "{\"event_id\":\"ok\",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"26\"}}}}");
        JsonObject ok = Http.json(require(mapper.next(result, WAIT), "result after bad input"));
        assertEquals("ok", ok.getString("event_id"));
        assertFalse(ok.containsKey("code"));
        awaitDevice("v1alpha1", "sensor-tag01", d -> "26".equals(reported(d, "temperature")));
    }

    @Test
    @Order(6)
    void aDeviceNameWithDotsSurvivesTheMqttAndJmsMapping() throws Exception {
        createDottedDevice();
        String prefix = "$hw/events/device/default/sensor.tag-02/";
        mapper.subscribe(prefix + "twin/update/result");
        JsonObject result = await(() -> {
            mapper.publish(prefix + "twin/update", "{\"event_id\":\"d\",\"twin\":{\"temperature\":{\"actual\":"
                    + "{\"value\":\"7\"}}}}");
            String text = mapper.next(prefix + "twin/update/result", Duration.ofSeconds(2));
            return text == null ? null : Http.json(text);
        }, r -> !r.containsKey("code"));
        assertEquals("d", result.getString("event_id"));
        awaitDevice("v1beta1", "sensor.tag-02", d -> "7".equals(reported(d, "temperature")));
    }

    @Test
    @Order(6)
    void aTopicMqttForbidsIsRefusedAndDevicesKeepBeingHeard() throws Exception {
        // A raw MQTT 3.1.1 client: Paho will not send such a topic. CONNECT, then PUBLISH QoS 0 with a NUL in the topic.
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", MQTT_PORT)) {
            raw.setSoTimeout(10_000);
            byte[] id = "bad-topic-client".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream connect = new java.io.ByteArrayOutputStream();
            connect.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 30, 0, (byte) id.length});
            connect.write(id);
            raw.getOutputStream().write(0x10);
            raw.getOutputStream().write(connect.size());
            connect.writeTo(raw.getOutputStream());
            assertEquals(0x20, raw.getInputStream().read(), "CONNACK");
            raw.getInputStream().readNBytes(3);
            byte[] topic = (SENSOR + "twin/update\u0000x").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] payload = "{\"event_id\":\"nul\",\"twin\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            raw.getOutputStream().write(0x30);
            raw.getOutputStream().write(2 + topic.length + payload.length);
            raw.getOutputStream().write(new byte[] {0, (byte) topic.length});
            raw.getOutputStream().write(topic);
            raw.getOutputStream().write(payload);
            raw.getOutputStream().flush();
            int read;
            try {
                read = raw.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertEquals(-1, read, "the broker disconnects a client that publishes a topic MQTT forbids");
        }
        // EventBus's subscriber lives on: the next device request is answered at once.
        mapper.clear();
        mapper.publish(SENSOR + "twin/update", "{\"event_id\":\"after-nul\",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"12\"}}}}");
        JsonObject result = Http.json(require(mapper.next(SENSOR + "twin/update/result", WAIT), "result after NUL"));
        assertEquals("after-nul", result.getString("event_id"));
        assertTrue(Files.readString(edgecore.messagesLog()).contains("EventBus refused an MQTT publish"));
    }

    @Test
    @Order(8)
    void updatesWhileTheCloudIsAwayArriveAfterwards() throws Exception {
        cloudcore.close();
        cloudcore = null;
        mapper.clear();
        mapper.publish(SENSOR + "twin/update", "{\"event_id\":\"off\",\"twin\":{\"temperature\":{\"actual\":"
                + "{\"value\":\"31\"}}}}");
        JsonObject result = Http.json(require(mapper.next(SENSOR + "twin/update/result", WAIT), "offline result"));
        assertFalse(result.containsKey("code"), "the edge answers while the cloud is away");
        cloudcore = startCloudCore();
        awaitDevice("v1alpha1", "sensor-tag01", d -> "31".equals(reported(d, "temperature")));
    }

    @Test
    @Order(10)
    void devicesAndTwinsSurviveAnEdgecoreRestartWithoutTheCloud() throws Exception {
        cloudcore.close();
        cloudcore = null;
        mapper.close();
        edgecore.close();
        edgecore = startEdgeCore();
        mapper = MqttDevice.connect(MQTT_PORT);
        mapper.subscribe(SENSOR + "twin/get/result", "$hw/events/node/" + NODE + "/membership/get/result");
        // Until EventBus's own clients are back on the restarted broker, a request may go unheard: ask again.
        JsonObject got = await(() -> {
            mapper.publish(SENSOR + "twin/get", "{\"event_id\":\"after-restart\"}");
            String text = mapper.next(SENSOR + "twin/get/result", Duration.ofSeconds(2));
            return text == null ? null : Http.json(text);
        }, g -> true);
        assertEquals("after-restart", got.getString("event_id"));
        assertEquals("31", got.getJsonObject("twin").getJsonObject("temperature").getJsonObject("actual")
                .getString("value"), "the last reported value, read back from the edge database");
        mapper.publish("$hw/events/node/" + NODE + "/membership/get", "{\"event_id\":\"m2\"}");
        JsonObject membership = Http.json(require(mapper.next("$hw/events/node/" + NODE + "/membership/get/result",
                WAIT), "membership after restart"));
        assertTrue(membership.getJsonArray("devices").stream()
                .anyMatch(d -> "default/sensor.tag-02".equals(d.asJsonObject().getString("id"))),
                "every device is still a member: " + membership);
        assertFalse(Files.readString(edgecore.messagesLog()).contains("Exception [EclipseLink"),
                "a start on existing tables is quiet; see " + edgecore.messagesLog());
    }

    @Test
    @Order(7)
    void aDurableSubscriberGetsTheEventsItWasAwayFor() throws Exception {
        List<TextMessage> got = drainDurable(5000);
        List<String> types = got.stream().map(DeviceIT::type).toList();
        assertTrue(types.contains("membership-added") && types.contains("twin-reported"), "got " + types);
        assertEachEventOnce(got);
    }

    /**
     * After the cloudcore restart of {@link #updatesWhileTheCloudIsAwayArriveAfterwards} the edge reports every
     * device again and cloudcore sends every Device to the edge again: the durable subscriber (still subscribed
     * from order 7) gets the one real change, the value set while the cloud was away, and nothing else.
     */
    @Test
    @Order(9)
    void afterACloudRestartTheDurableSubscriberGetsOnlyRealChangesOnce() throws Exception {
        Path log = edgecore.messagesLog();
        await(() -> Files.readString(log), text -> text.contains("cloud connection is back: reporting"));
        List<TextMessage> got = drainDurable(8000);
        try (Connection durable = jms.createConnection()) {
            durable.setClientID(DURABLE);
            durable.createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe(DURABLE);
        }
        assertEachEventOnce(got);
        List<String> seen = new ArrayList<>();
        for (TextMessage m : got) {
            seen.add(type(m) + " " + m.getStringProperty("deviceName") + " " + m.getText());
        }
        assertEquals(1, got.size(), "only the value reported while the cloud was away is new: " + seen);
        assertEquals("twin-reported", type(got.get(0)), "no membership or state event for unchanged devices");
        assertEquals("sensor-tag01", got.get(0).getStringProperty("deviceName"));
        assertEquals("31", Http.json(got.get(0).getText()).getJsonObject("data").getJsonObject("twins")
                .getString("temperature"));
    }

    // ---------------------------------------------------------------------------------------------------------

    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "kubectl " + String.join(" ", args) + " failed: " + out);
        return out;
    }

    private static String betaDevice() throws Exception {
        Path file = Path.of(System.getProperty("kubeedgej.root"), "docs", "examples", "devices",
                "devices_v1beta1_device.yaml");
        for (String line : Files.readAllLines(file)) {
            String t = line.trim();
            if (t.startsWith("name:") && line.startsWith("  name:")) {
                return t.substring("name:".length()).trim();
            }
        }
        throw new IllegalStateException("no metadata.name in " + file);
    }

    @SuppressWarnings("unchecked")
    private static String firstProperty(Map<String, Object> device) {
        List<Map<String, Object>> properties = (List<Map<String, Object>>) ((Map<String, Object>) device.get("spec"))
                .get("properties");
        return (String) properties.get(0).get("name");
    }

    @SuppressWarnings("unchecked")
    private static void patchDesired(String name, String property, String value) throws ApiException {
        CustomObjectsApi api = new CustomObjectsApi(cluster.client());
        Map<String, Object> device = (Map<String, Object>) api.getNamespacedCustomObject(GROUP, "v1beta1", "default",
                "devices", name).execute();
        for (Map<String, Object> p : (List<Map<String, Object>>) ((Map<String, Object>) device.get("spec"))
                .get("properties")) {
            if (property.equals(p.get("name"))) {
                p.put("desired", Map.of("value", value));
            }
        }
        api.replaceNamespacedCustomObject(GROUP, "v1beta1", "default", "devices", name, device).execute();
    }

    private static void createDottedDevice() throws ApiException {
        Map<String, Object> device = Map.of("apiVersion", GROUP + "/v1beta1", "kind", "Device",
                "metadata", Map.of("name", "sensor.tag-02", "namespace", "default"),
                "spec", Map.of("deviceModelRef", Map.of("name", "sensor-tag-model"), "nodeName", NODE));
        new CustomObjectsApi(cluster.client()).createNamespacedCustomObject(GROUP, "v1beta1", "default", "devices",
                device).execute();
    }

    private static Map<String, Object> awaitDevice(String version, String name, Predicate<Map<String, Object>> ok)
            throws ApiException {
        return DeviceStatusReads.await(cluster.client(), version, name, ok);
    }

    private interface Source<T> {
        T get() throws Exception;
    }

    private static <T> T await(Source<T> source, Predicate<T> ok) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            T value = source.get();
            if (value != null) {
                last = value;
                if (ok.test(value)) {
                    return value;
                }
            }
        }
        throw new AssertionError("not reached in 60 s; last: " + last);
    }

    /** Receives what the durable subscription holds, until nothing comes for a while; stays subscribed. */
    private static List<TextMessage> drainDurable(long firstWaitMillis) throws JMSException {
        List<TextMessage> got = new ArrayList<>();
        try (Connection durable = jms.createConnection()) {
            durable.setClientID(DURABLE);
            Session s = durable.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createDurableConsumer(s.createTopic("kubeedge.device.events"), DURABLE);
            durable.start();
            for (jakarta.jms.Message m = consumer.receive(firstWaitMillis); m != null; m = consumer.receive(3000)) {
                got.add((TextMessage) m);
            }
            consumer.close();
        }
        return got;
    }

    private static void assertEachEventOnce(List<TextMessage> events) throws JMSException {
        Set<String> ids = new HashSet<>();
        for (TextMessage m : events) {
            String id = m.getStringProperty("eventId");
            assertNotNull(id, "every event has an eventId");
            assertEquals(id, Http.json(m.getText()).getString("eventId"), "property and body agree");
            assertEquals(id, m.getStringProperty("_AMQ_DUPL_ID"), "the broker's duplicate detection id");
            assertTrue(ids.add(id), "event " + id + " came twice: " + m.getText());
        }
    }

    private static String type(TextMessage m) {
        try {
            return m.getStringProperty("eventType");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TextMessage nextEvent() throws JMSException {
        jakarta.jms.Message m = eventConsumer.receive(WAIT.toMillis());
        assertNotNull(m, "no device event on kubeedge.device.events within " + WAIT);
        return (TextMessage) m;
    }

    private static int code(String topic) throws InterruptedException {
        return codeOf(mapper.next(topic, WAIT));
    }

    private static int codeOf(String text) {
        assertNotNull(text, "no result within " + WAIT);
        return Http.json(text).getInt("code");
    }

    private static String require(String text, String what) {
        assertNotNull(text, "no " + what + " within " + WAIT);
        return text;
    }

}
