package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Protobuf request bodies over HTTP, sent as client-go sends them (Content-Type protobuf, Accept protobuf then JSON)
 * and read back through the official JSON client.
 */
class ProtobufRequestTest {
    private static final String CLIENT_GO_ACCEPT = "application/vnd.kubernetes.protobuf, application/json";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DevApiServer server;
    private static CoreV1Api core;

    @BeforeAll
    static void start() {
        server = DevApiServer.start(0);
        core = new CoreV1Api(ClientSupport.client(server));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void namespaceAndPodCreatedInProtobufReadBackAsJson() throws Exception {
        HttpResponse<String> namespace = send("POST", "/api/v1/namespaces",
                ProtoFixtures.envelope("v1", "Namespace", ProtoFixtures.namespace("proto")), CLIENT_GO_ACCEPT);
        assertEquals(201, namespace.statusCode(), namespace.body());
        assertEquals("application/json", namespace.headers().firstValue("Content-Type").orElse(""));
        assertEquals("proto", Json.parse(namespace.body()).path("metadata").path("name").asString());

        HttpResponse<String> created = send("POST", "/api/v1/namespaces/proto/pods",
                ProtoFixtures.envelope("v1", "Pod", ProtoFixtures.pod("web", "proto")), CLIENT_GO_ACCEPT);
        assertEquals(201, created.statusCode(), created.body());

        V1Pod pod = core.readNamespacedPod("web", "proto").execute();
        V1Container container = pod.getSpec().getContainers().get(0);
        assertEquals(80, container.getPorts().get(0).getContainerPort());
        assertEquals("500m", container.getResources().getLimits().get("cpu").toSuffixedString());
        assertEquals("128Mi", container.getResources().getLimits().get("memory").toSuffixedString());
        assertEquals("http", container.getReadinessProbe().getHttpGet().getPort().getStrValue());
        assertEquals("web-config", pod.getSpec().getVolumes().get(0).getConfigMap().getName());
        assertEquals(Boolean.FALSE, pod.getSpec().getAutomountServiceAccountToken());
        assertEquals(0L, pod.getSpec().getTerminationGracePeriodSeconds());
        assertEquals("", pod.getMetadata().getLabels().get("node-role.kubernetes.io/edge"));
        assertEquals(Boolean.FALSE, pod.getStatus().getContainerStatuses().get(0).getReady());
        assertEquals(OffsetDateTime.parse("2024-05-01T10:01:00Z"), pod.getStatus().getStartTime());
        // As on a real server, a create sets uid, resourceVersion and creationTimestamp itself.
        assertFalse(pod.getMetadata().getUid().isEmpty());
        assertNotEquals(OffsetDateTime.parse("2024-05-01T10:00:00Z"), pod.getMetadata().getCreationTimestamp());
        assertEquals(null, pod.getSpec().getNodeName(), "an empty non-pointer string is omitted, as Go omits it");
    }

    @Test
    void updateAndDeleteTakeProtobufBodies() throws Exception {
        V1.Pod bound = ProtoFixtures.pod("bound", "default").toBuilder()
                .setSpec(ProtoFixtures.pod("bound", "default").getSpec().toBuilder().setNodeName("edge-1")).build();
        assertEquals(201, send("POST", "/api/v1/namespaces/default/pods",
                ProtoFixtures.envelope("v1", "Pod", bound), CLIENT_GO_ACCEPT).statusCode());
        V1.Pod relabelled = bound.toBuilder().setMetadata(bound.getMetadata().toBuilder().putLabels("tier", "edge"))
                .build();
        HttpResponse<String> updated = send("PUT", "/api/v1/namespaces/default/pods/bound",
                ProtoFixtures.envelope("v1", "Pod", relabelled), CLIENT_GO_ACCEPT);
        assertEquals(200, updated.statusCode(), updated.body());
        assertEquals("edge", core.readNamespacedPod("bound", "default").execute().getMetadata().getLabels()
                .get("tier"));

        // client-go sends DeleteOptions in protobuf too; grace 0 removes a bound pod at once.
        HttpResponse<String> deleted = send("DELETE", "/api/v1/namespaces/default/pods/bound",
                ProtoFixtures.envelope("v1", "DeleteOptions", Meta.DeleteOptions.newBuilder()
                        .setGracePeriodSeconds(0).build()), CLIENT_GO_ACCEPT);
        assertEquals(200, deleted.statusCode(), deleted.body());
        ApiException gone = assertThrows(ApiException.class,
                () -> core.readNamespacedPod("bound", "default").execute());
        assertEquals(404, gone.getCode());
    }

    @Test
    void unsupportedKindIsRefusedWithAStatusNamingIt() throws Exception {
        HttpResponse<String> refused = send("POST", "/apis/apps/v1/namespaces/default/deployments",
                ProtoFixtures.envelope("apps/v1", "Deployment", V1Apps.Deployment.newBuilder()
                        .setMetadata(Meta.ObjectMeta.newBuilder().setName("web")).build()), CLIENT_GO_ACCEPT);
        JsonNode status = assertStatus(415, "UnsupportedMediaType", refused);
        assertTrue(status.path("message").asString().contains("Deployment"), refused.body());
    }

    @Test
    void malformedProtobufIsABadRequest() throws Exception {
        byte[] pod = ProtoFixtures.envelope("v1", "Pod", ProtoFixtures.pod("broken", "default"));
        assertStatus(400, "BadRequest", send("POST", "/api/v1/namespaces/default/pods",
                Arrays.copyOf(pod, pod.length / 2), CLIENT_GO_ACCEPT));
        assertStatus(400, "BadRequest", send("POST", "/api/v1/namespaces/default/pods",
                "{\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8), CLIENT_GO_ACCEPT));
    }

    @Test
    void bodiesOverTheLimitAreRefusedWhateverTheirFormat() throws Exception {
        V1.ConfigMap huge = V1.ConfigMap.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("huge"))
                .putData("blob", "x".repeat(RequestBodies.LIMIT)).build();
        assertStatus(413, "RequestEntityTooLarge", send("POST", "/api/v1/namespaces/default/configmaps",
                ProtoFixtures.envelope("v1", "ConfigMap", huge), CLIENT_GO_ACCEPT));
        byte[] json = ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"huge\"},"
                + "\"data\":{\"blob\":\"" + "x".repeat(RequestBodies.LIMIT) + "\"}}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/api/v1/namespaces/default/configmaps")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertStatus(413, "RequestEntityTooLarge", refused);
    }

    @Test
    void onlyProtobufAcceptedIsNotAcceptable() throws Exception {
        assertStatus(406, "NotAcceptable", send("POST", "/api/v1/namespaces",
                ProtoFixtures.envelope("v1", "Namespace", ProtoFixtures.namespace("never")), MediaTypes.PROTOBUF));
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces"))
                .header("Accept", MediaTypes.PROTOBUF).build(), HttpResponse.BodyHandlers.ofString());
        assertStatus(406, "NotAcceptable", read);
        // What client-go sends when only the content type is set to protobuf, as KubeEdge's cloudcore does.
        HttpResponse<String> fallback = HTTP.send(HttpRequest.newBuilder(URI.create(server.url()
                + "/api/v1/namespaces")).header("Accept", MediaTypes.PROTOBUF + ", */*").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, fallback.statusCode(), fallback.body());
        assertEquals("NamespaceList", Json.parse(fallback.body()).path("kind").asString());
    }

    private static JsonNode assertStatus(int code, String reason, HttpResponse<String> response) {
        assertEquals(code, response.statusCode(), response.body());
        JsonNode status = Json.parse(response.body());
        assertEquals("Status", status.path("kind").asString());
        assertEquals(reason, status.path("reason").asString(), response.body());
        return status;
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, String accept)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", MediaTypes.PROTOBUF)
                .header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
