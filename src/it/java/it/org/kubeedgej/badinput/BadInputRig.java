package it.org.kubeedgej.badinput;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import it.org.kubeedgej.support.DevCluster;
import it.org.kubeedgej.support.DeviceStatusReads;
import it.org.kubeedgej.support.EdgeCoreEnv;
import it.org.kubeedgej.support.KubeEdgeFrames;
import it.org.kubeedgej.support.LibertyServer;
import it.org.kubeedgej.support.MqttDevice;
import it.org.kubeedgej.support.Stoppables;
import it.org.kubeedgej.support.TestCertificates;
import it.org.kubeedgej.support.TestEdgeClient;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the bad-input suite runs against, started once: the development API server with a Device, cloudcore,
 * edgecore (its node {@value #EDGE_NODE} holds the Device), a canary edge node on CloudHub and a Paho mapper.
 * Ports: cloudcore HTTP 19400 (CloudHub 20400, certificate service 21400, broker 22400), edgecore HTTP 19401 (MQTT
 * 23401, ServiceBus 24401, MetaServer 25401).
 */
final class BadInputRig implements AutoCloseable {

    static final int CLOUD_HTTP = 19400;
    static final int EDGE_HTTP = 19401;
    static final int HUB = LibertyServer.hubPort(CLOUD_HTTP);
    static final int CERT_SERVICE = CLOUD_HTTP + 2000;
    static final int MQTT = LibertyServer.mqttPort(EDGE_HTTP);
    static final int SERVICEBUS = LibertyServer.serviceBusPort(EDGE_HTTP);
    static final int METASERVER = LibertyServer.metaServerPort(EDGE_HTTP);
    /** The real edgecore's node. */
    static final String EDGE_NODE = "bi-edge";
    /** A stand-in edge that must keep its session through everything. */
    static final String CANARY = "bi-canary";
    /** The node the hostile edge holds a certificate for. */
    static final String BAD = "bi-bad";
    /** A node that floods, kept apart so its throttling does not colour the other cases. */
    static final String FLOOD = "bi-flood";
    static final String DEVICE = "bi-sensor";
    static final String SENSOR = "$hw/events/device/default/" + DEVICE + "/";
    static final String ALLOWED = "http://cloud.example/api/readings";
    static final int EVENTBUS_MAX_PAYLOAD = 65_536;
    static final int SERVICEBUS_MAX_BODY = 65_536;
    static final int MAX_WATCHES = 4;
    static final int MAX_MESSAGE_BYTES = 20 * 1024 * 1024;
    static final Duration WAIT = Duration.ofSeconds(20);

    final Path work;
    final TestCertificates certs;
    final TestCertificates foreign;
    final ForgedCertificates forged;
    DevCluster cluster;
    LibertyServer cloudcore;
    LibertyServer edgecore;
    TestEdgeClient canary;
    MqttDevice mapper;
    private final ScheduledExecutorService keepalive = Executors.newSingleThreadScheduledExecutor();

    private BadInputRig(Path work, TestCertificates certs, TestCertificates foreign, ForgedCertificates forged) {
        this.work = work;
        this.certs = certs;
        this.foreign = foreign;
        this.forged = forged;
    }

    static BadInputRig start() throws Exception {
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir"), "badinput-it"));
        TestCertificates certs = TestCertificates.generate(work.resolve("certs"), EDGE_NODE, CANARY, BAD, FLOOD);
        TestCertificates foreign = TestCertificates.generate(work.resolve("foreign-ca"), BAD);
        BadInputRig rig = new BadInputRig(work, certs, foreign, ForgedCertificates.of(certs.dir()));
        try {
            rig.startServers();
            return rig;
        } catch (Exception | AssertionError e) {
            rig.close();
            throw e;
        }
    }

    private void startServers() throws Exception {
        cluster = DevCluster.start().installProjectCrds();
        createDevice();
        CompletableFuture<LibertyServer> cloud = CompletableFuture.supplyAsync(() -> LibertyServer.start("cloudcore",
                CLOUD_HTTP, Map.of(
                        "KUBEAPICONFIG_KUBECONFIG", cluster.kubeconfig().toString(),
                        "CLOUDHUB_CERTS_DIR", certs.dir().toString(),
                        "MODULES_CLOUDHUB_WEBSOCKET_MAXMESSAGESIZE", String.valueOf(MAX_MESSAGE_BYTES))));
        CompletableFuture<LibertyServer> edge = CompletableFuture.supplyAsync(() -> LibertyServer.start("edgecore",
                EDGE_HTTP, EdgeCoreEnv.of(EDGE_NODE, HUB, certs, work.resolve("edge-db-" + System.nanoTime()),
                        "MODULES_EDGEHUB_HEARTBEAT", "2",
                        "MODULES_EDGEHUB_RECONNECTMAXSECONDS", "2",
                        "MODULES_EVENTBUS_MAXPAYLOADBYTES", String.valueOf(EVENTBUS_MAX_PAYLOAD),
                        "MODULES_SERVICEBUS_TARGETURLS", ALLOWED,
                        "MODULES_SERVICEBUS_MAXBODYBYTES", String.valueOf(SERVICEBUS_MAX_BODY),
                        "MODULES_METAMANAGER_METASERVER_MAXWATCHES", String.valueOf(MAX_WATCHES))));
        try {
            cloudcore = cloud.join();
        } finally {
            edgecore = edge.join();
        }
        canary = TestEdgeClient.connect(HUB, CANARY, certs.sslContextFor(CANARY), TestEdgeClient.headersFor(CANARY));
        canary.send(KubeEdgeFrames.keepalive());
        keepalive.scheduleAtFixedRate(() -> canary.send(KubeEdgeFrames.keepalive()), 10, 10, TimeUnit.SECONDS);
        JsonObject register = KubeEdgeFrames.kubelet("insert", "default/node/" + CANARY, KubeEdgeFrames.node(CANARY));
        canary.send(register);
        canary.awaitAnswer(register, WAIT);
        mapper = MqttDevice.connect(MQTT);
        mapper.subscribe(SENSOR + "twin/update/result");
    }

    /** A DeviceModel with an INT property and a Device on the edge node, as a mapper's device. */
    private void createDevice() throws ApiException {
        CustomObjectsApi api = new CustomObjectsApi(cluster.client());
        String group = DeviceStatusReads.GROUP;
        api.createNamespacedCustomObject(group, "v1beta1", "default", "devicemodels", Map.of(
                "apiVersion", group + "/v1beta1", "kind", "DeviceModel",
                "metadata", Map.of("name", "bi-model", "namespace", "default"),
                "spec", Map.of("protocol", "modbus", "properties", List.of(Map.of("name", "temperature",
                        "type", "INT", "accessMode", "ReadWrite"))))).execute();
        api.createNamespacedCustomObject(group, "v1beta1", "default", "devices", Map.of(
                "apiVersion", group + "/v1beta1", "kind", "Device",
                "metadata", Map.of("name", DEVICE, "namespace", "default"),
                "spec", Map.of("deviceModelRef", Map.of("name", "bi-model"), "nodeName", EDGE_NODE,
                        "properties", List.of(Map.of("name", "temperature", "reportToCloud", true)))))
                .execute();
    }

    @Override
    public void close() {
        keepalive.shutdownNow();
        Stoppables.stopAll(mapper, canary, edgecore, cloudcore, cluster);
    }
}
