package it.org.kubeedgej.badinput;

import static it.org.kubeedgej.badinput.BadInputRig.CERT_SERVICE;
import static it.org.kubeedgej.badinput.BadInputRig.HUB;
import static it.org.kubeedgej.badinput.BadInputRig.METASERVER;
import static it.org.kubeedgej.badinput.BadInputRig.SERVICEBUS;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import it.org.kubeedgej.support.MqttDevice;
import it.org.kubeedgej.support.Stoppables;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 13's bad-input suite: every kind of wrong or hostile input an edge, a device or a local client can send,
 * each asserted to get its clear answer and to leave the rest healthy ({@link StillHealthy}: the canary node's
 * session and requests, a twin update's round trip to the Device status, both servers' readiness, bounded heaps).
 * The servers start once; stalled clients are opened at the start and judged at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final Set<String> KINDS = ConcurrentHashMap.newKeySet();
    private static final byte[] PARTIAL_HEADERS = ("GET /api/v1/pods HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            .getBytes(StandardCharsets.US_ASCII);
    /** A TLS record header announcing a 512-byte ClientHello that never comes. */
    private static final byte[] PARTIAL_CLIENT_HELLO = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01};

    private static BadInputRig rig;
    private static StillHealthy health;
    private static MqttDevice device;
    private static WebSocketCases webSocket;
    private static StalledClients stalledServiceBus;
    private static StalledClients stalledMetaServer;
    private static StalledClients stalledHub;
    private static StalledClients stalledCertService;

    @BeforeAll
    static void start() throws Exception {
        rig = BadInputRig.start();
        health = new StillHealthy(rig);
        health.check("start (the Device reaching the edge)", Duration.ofSeconds(90));
        device = MqttDevice.connect(BadInputRig.MQTT);
        webSocket = new WebSocketCases(rig);
        stalledServiceBus = StalledClients.open(SERVICEBUS, PARTIAL_HEADERS, 6);
        stalledMetaServer = StalledClients.open(METASERVER, PARTIAL_HEADERS, 6);
        stalledHub = StalledClients.open(HUB, PARTIAL_CLIENT_HELLO, 4);
        stalledCertService = StalledClients.open(CERT_SERVICE, new byte[0], 4);
    }

    @AfterAll
    static void stop() {
        if (webSocket != null) {
            webSocket.close();
        }
        Stoppables.stopAll(stalledServiceBus, stalledMetaServer, stalledHub, stalledCertService, device,
                health, rig);
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> whoMayConnectToCloudHub() {
        return run(new HandshakeCases(rig).all());
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> messagesOverCloudHubsWebSocket() {
        return run(webSocket.all());
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> mqttAtEdgeCoresBroker() throws Exception {
        return run(new MqttCases(device).all());
    }

    @TestFactory
    @Order(4)
    Stream<DynamicTest> localHttpAtServiceBusAndMetaServer() {
        return run(new LocalHttpCases().all());
    }

    @TestFactory
    @Order(5)
    Stream<DynamicTest> joinsAtTheCertificateService() {
        return run(new CertServiceCases(rig).all());
    }

    @TestFactory
    @Order(6)
    Stream<DynamicTest> mqttAgainstEventBusesOwnSession() throws Exception {
        MqttSessionCases sessions = new MqttSessionCases(rig, device);
        return Stream.concat(run(sessions.all()), Stream.of(dynamicTest("(remove the retained request)",
                sessions::clearRetained)));
    }

    /** Found by this suite; each breaks what the health check guards, so they stay out of CI until fixed. */
    @TestFactory
    @Order(7)
    Stream<DynamicTest> whatThisSuiteFoundAndWasFixed() throws Exception {
        return run(new KnownProductBugCases(new MqttCases(device)).fixed());
    }

    @TestFactory
    @Order(8)
    @Disabled("open product limitation: the MQTT broker never cuts off a connection that sends no CONNECT")
    Stream<DynamicTest> knownProductBugs() throws Exception {
        return run(new KnownProductBugCases(new MqttCases(device)).open());
    }

    @TestFactory
    @Order(9)
    Stream<DynamicTest> stalledClientsAreCutOff() {
        return run(List.of(
                BadCase.of("ServiceBus: 6 clients stalling in their headers -> cut off (maxReqTime 10 s)", () ->
                        report(stalledServiceBus.awaitAllClosed(Duration.ofSeconds(60)))),
                BadCase.of("MetaServer: 6 clients stalling in their headers -> cut off (maxReqTime 10 s)", () ->
                        report(stalledMetaServer.awaitAllClosed(Duration.ofSeconds(60)))),
                BadCase.of("CloudHub: 4 TLS handshakes stalling after the record header -> cut off", () ->
                        report(stalledHub.awaitAllClosed(Duration.ofSeconds(120)))),
                BadCase.of("certificate service: 4 TLS connections sending nothing -> cut off", () ->
                        report(stalledCertService.awaitAllClosed(Duration.ofSeconds(120))))));
    }

    @Test
    @Order(99)
    void atLeastSixtyKindsOfBadInputRan() {
        assertTrue(KINDS.size() >= 60, "only " + KINDS.size() + " kinds of bad input ran");
    }

    private static void report(Duration longest) {
        System.out.println("BADINPUT stalled clients cut off, the last after " + longest.toMillis() + " ms");
    }

    private static Stream<DynamicTest> run(List<BadCase> cases) {
        return cases.stream().map(c -> dynamicTest(c.name(), () -> {
            long start = System.nanoTime();
            c.run().execute();
            long answered = System.nanoTime();
            health.check(c.name());
            KINDS.add(c.name());
            System.out.printf("BADINPUT %-100s answer %5d ms, health %5d ms%n", c.name(),
                    (answered - start) / 1_000_000, (System.nanoTime() - answered) / 1_000_000);
        }));
    }
}
