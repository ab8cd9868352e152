package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ProbeSpecTest {

    @Test
    void execProbeGetsKubernetesDefaults() {
        ProbeSpec underTest = container("""
                {"name":"main","image":"busybox","livenessProbe":{"exec":{"command":["cat","/tmp/healthy"]}}}""")
                .liveness();
        assertEquals(ProbeSpec.Action.EXEC, underTest.action());
        assertEquals(List.of("cat", "/tmp/healthy"), underTest.command());
        assertEquals(Duration.ZERO, underTest.initialDelay());
        assertEquals(Duration.ofSeconds(10), underTest.period());
        assertEquals(Duration.ofSeconds(1), underTest.timeout());
        assertEquals(1, underTest.successThreshold());
        assertEquals(3, underTest.failureThreshold());
        assertNull(underTest.problem());
    }

    @Test
    void httpGetWithNamedPortHeadersAndExplicitTimings() {
        ContainerProbes probes = container("""
                {"name":"web","image":"busybox","ports":[{"name":"http","containerPort":8080}],
                 "readinessProbe":{"httpGet":{"path":"healthz","port":"http","scheme":"https",
                   "httpHeaders":[{"name":"X-Probe","value":"yes"}]},
                  "initialDelaySeconds":2,"periodSeconds":3,"timeoutSeconds":4,"successThreshold":2,
                  "failureThreshold":5}}""");
        ProbeSpec underTest = probes.readiness();
        assertEquals(ProbeSpec.Action.HTTP_GET, underTest.action());
        assertEquals(8080, underTest.port());
        assertEquals("/healthz", underTest.path());
        assertEquals("HTTPS", underTest.scheme());
        assertEquals(Map.of("X-Probe", "yes"), underTest.headers());
        assertEquals(Duration.ofSeconds(2), underTest.initialDelay());
        assertEquals(Duration.ofSeconds(3), underTest.period());
        assertEquals(Duration.ofSeconds(4), underTest.timeout());
        assertEquals(2, underTest.successThreshold());
        assertEquals(5, underTest.failureThreshold());
        assertEquals("httpGet https://127.0.0.1:8080/healthz", underTest.describe());
        assertNull(probes.liveness());
        assertEquals(List.of(underTest), probes.all());
    }

    @Test
    void tcpSocketAndStartupProbeKeepSuccessThresholdOne() {
        ContainerProbes probes = container("""
                {"name":"db","image":"busybox",
                 "startupProbe":{"tcpSocket":{"port":5432,"host":"127.0.0.1"},"successThreshold":3},
                 "livenessProbe":{"tcpSocket":{"port":"5432"},"successThreshold":2}}""");
        assertEquals(1, probes.startup().successThreshold(), "the API server allows only 1 for startup probes");
        assertEquals(1, probes.liveness().successThreshold(), "and for liveness probes");
        assertEquals("127.0.0.1", probes.startup().host());
        assertEquals(5432, probes.liveness().port(), "a numeric string is a port number");
        assertEquals(ProbeSpec.Action.TCP_SOCKET, probes.liveness().action());
        assertEquals(ProbeType.STARTUP, probes.all().get(0).type(), "startup runs first");
    }

    @Test
    void undeclaredNamedPortIsAProblemTheProbeReports() {
        ProbeSpec underTest = container("""
                {"name":"web","image":"busybox","livenessProbe":{"httpGet":{"port":"metrics"}}}""").liveness();
        assertTrue(underTest.problem().contains("\"metrics\""), underTest.problem());
        ProbeSpec outOfRange = container("""
                {"name":"web","image":"busybox","livenessProbe":{"tcpSocket":{"port":70000}}}""").liveness();
        assertTrue(outOfRange.problem().contains("out of range"), outOfRange.problem());
    }

    @Test
    void grpcOrNoProbeMeansNone() {
        assertSame(ContainerProbes.NONE, container("""
                {"name":"g","image":"busybox","livenessProbe":{"grpc":{"port":9000}}}"""));
        assertSame(ContainerProbes.NONE, container("{\"name\":\"g\",\"image\":\"busybox\"}"));
    }

    @Test
    void podSpecReaderCarriesTheProbes() {
        PodDefinition pod = PodSpecReader.read(Json.createReader(new StringReader("""
                {"metadata":{"name":"p","uid":"u"},"spec":{"containers":[{"name":"main","image":"busybox",
                 "readinessProbe":{"exec":{"command":["true"]},"periodSeconds":1}}]}}""")).readObject(), "default");
        assertEquals(Duration.ofSeconds(1), pod.containers().get(0).probes().readiness().period());
    }

    private static ContainerProbes container(String json) {
        JsonObject c = Json.createReader(new StringReader(json)).readObject();
        return ContainerProbes.fromJson("default/p container " + c.getString("name"), c);
    }
}
