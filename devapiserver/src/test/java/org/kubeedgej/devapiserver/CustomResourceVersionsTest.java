package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Yaml;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A CRD with two versions (crd.yaml: v1alpha1, and v1beta1 as the storage version) has one store for both. */
class CustomResourceVersionsTest {
    private static final String GROUP = "devices.kubeedge.io";
    private static DevApiServer server;
    private static ApiClient client;
    private static CustomObjectsApi objects;

    @BeforeAll
    static void start() throws Exception {
        server = DevApiServer.start(0);
        client = ClientSupport.client(server);
        objects = new CustomObjectsApi(client);
        try (InputStreamReader reader = new InputStreamReader(CustomResourceVersionsTest.class.getResourceAsStream("/crd.yaml"),
                StandardCharsets.UTF_8)) {
            new ApiextensionsV1Api(client).createCustomResourceDefinition(
                    Yaml.loadAs(reader, V1CustomResourceDefinition.class)).execute();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anObjectWrittenInOneVersionIsReadAndListedInTheOther() throws ApiException {
        Map<?, ?> created = create("v1beta1", device("v1beta1", "sensor-1", "edge-1"));
        Map<?, ?> read = get("v1alpha1", "sensor-1");
        assertEquals(GROUP + "/v1alpha1", read.get("apiVersion"));
        assertEquals(metadata(created).get("uid"), metadata(read).get("uid"));
        assertEquals(metadata(created).get("resourceVersion"), metadata(read).get("resourceVersion"));

        Map<?, ?> list = (Map<?, ?>) objects.listNamespacedCustomObject(GROUP, "v1alpha1", "default", "devices")
                .execute();
        assertEquals(GROUP + "/v1alpha1", list.get("apiVersion"));
        assertEquals("DeviceList", list.get("kind"));
        List<?> items = (List<?>) list.get("items");
        assertTrue(items.stream().anyMatch(item -> metadata((Map<?, ?>) item).get("name").equals("sensor-1")));
        items.forEach(item -> assertEquals(GROUP + "/v1alpha1", ((Map<?, ?>) item).get("apiVersion")));

        // An update through v1alpha1 carrying the resourceVersion read through v1beta1: one sequence of versions.
        @SuppressWarnings("unchecked")
        Map<String, Object> update = new HashMap<>((Map<String, Object>) read);
        update.put("spec", Map.of("nodeName", "edge-2"));
        Map<?, ?> updated = (Map<?, ?>) objects.replaceNamespacedCustomObject(GROUP, "v1alpha1", "default", "devices",
                "sensor-1", update).execute();
        assertTrue(Long.parseLong((String) metadata(updated).get("resourceVersion"))
                > Long.parseLong((String) metadata(created).get("resourceVersion")));
        assertEquals("edge-2", ((Map<?, ?>) get("v1beta1", "sensor-1").get("spec")).get("nodeName"));
    }

    @Test
    void watchesOfEveryVersionSeeWritesMadeThroughAnyVersion() throws Exception {
        String listed = (String) metadata((Map<?, ?>) objects.listNamespacedCustomObject(GROUP, "v1beta1", "default",
                "devices").execute()).get("resourceVersion");
        CompletableFuture<List<String>> alpha = watch("v1alpha1", listed);
        CompletableFuture<List<String>> beta = watch("v1beta1", listed);
        create("v1beta1", device("v1beta1", "watched", "edge-1"));
        PatchUtils.patch(Map.class, () -> objects.patchNamespacedCustomObject(GROUP, "v1alpha1", "default",
                "devices", "watched", new V1Patch("{\"metadata\":{\"labels\":{\"seen\":\"yes\"}}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        objects.deleteNamespacedCustomObject(GROUP, "v1beta1", "default", "devices", "watched").execute();
        assertEquals(List.of("ADDED v1alpha1", "MODIFIED v1alpha1", "DELETED v1alpha1"),
                alpha.get(20, TimeUnit.SECONDS));
        assertEquals(List.of("ADDED v1beta1", "MODIFIED v1beta1", "DELETED v1beta1"),
                beta.get(20, TimeUnit.SECONDS));
    }

    @Test
    void statusFollowsTheSubresourceOfTheRequestedVersion() throws Exception {
        Map<String, Object> withStatus = device("v1alpha1", "legacy", "edge-1");
        withStatus.put("status", Map.of("state", "desired-in-status"));
        // v1alpha1 has no status subresource: status is written like any field.
        assertEquals(Map.of("state", "desired-in-status"), create("v1alpha1", withStatus).get("status"));
        Map<String, Object> dropped = device("v1beta1", "current", "edge-1");
        dropped.put("status", Map.of("state", "ignored"));
        assertNull(create("v1beta1", dropped).get("status"), "v1beta1 has the subresource: create resets status");

        Map<String, Object> changed = new HashMap<>(get("v1beta1", "legacy"));
        changed.put("status", Map.of("state", "changed"));
        Map<?, ?> replaced = (Map<?, ?>) objects.replaceNamespacedCustomObject(GROUP, "v1beta1", "default",
                "devices", "legacy", changed).execute();
        assertEquals(Map.of("state", "desired-in-status"), replaced.get("status"), "an update keeps status");
        Map<?, ?> viaStatus = (Map<?, ?>) objects.replaceNamespacedCustomObjectStatus(GROUP, "v1beta1", "default",
                "devices", "legacy", changed).execute();
        assertEquals(Map.of("state", "changed"), viaStatus.get("status"));

        ApiException noSubresource = assertThrows(ApiException.class, () -> objects
                .replaceNamespacedCustomObjectStatus(GROUP, "v1alpha1", "default", "devices", "legacy", changed)
                .execute());
        assertEquals(404, noSubresource.getCode());
    }

    @Test
    void anObjectOfAnotherVersionThanThePathIsABadRequest() {
        ApiException refused = assertThrows(ApiException.class,
                () -> create("v1beta1", device("v1alpha1", "mismatch", "edge-1")));
        assertEquals(400, refused.getCode());
        assertTrue(refused.getResponseBody().contains("does not match the expected API version"),
                refused.getResponseBody());
    }

    @Test
    void discoveryPrefersVersionsByKubernetesPriority() throws Exception {
        JsonNode group = discovery("/apis/" + GROUP);
        assertEquals("v1beta1", group.path("preferredVersion").path("version").asString());
        assertEquals(List.of("v1beta1", "v1alpha1"), versions(group));

        Map<String, Object> crd = Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", "widgets.example.com"),
                "spec", Map.of("group", "example.com", "scope", "Namespaced",
                        "names", Map.of("kind", "Widget", "plural", "widgets"),
                        "versions", List.of(version("v1alpha1", false), version("v1beta1", false),
                                version("v1", true), version("v1beta2", false))));
        new ApiextensionsV1Api(client).createCustomResourceDefinition(
                client.getJSON().deserialize(client.getJSON().serialize(crd), V1CustomResourceDefinition.class))
                .execute();
        for (JsonNode listed : discovery("/apis").path("groups")) {
            if (listed.path("name").asString().equals("example.com")) {
                assertEquals("v1", listed.path("preferredVersion").path("version").asString());
                assertEquals(List.of("v1", "v1beta2", "v1beta1", "v1alpha1"), versions(listed));
                return;
            }
        }
        throw new AssertionError("example.com is not in /apis");
    }

    private static Map<String, Object> version(String name, boolean storage) {
        return Map.of("name", name, "served", true, "storage", storage,
                "schema", Map.of("openAPIV3Schema", Map.of("type", "object")));
    }

    private static List<String> versions(JsonNode group) {
        List<String> versions = new ArrayList<>();
        group.path("versions").forEach(version -> versions.add(version.path("version").asString()));
        return versions;
    }

    private static JsonNode discovery(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body());
    }

    /** Collects "TYPE version" of each event until a DELETED one. */
    private static CompletableFuture<List<String>> watch(String version, String since) throws ApiException {
        Watch<Map<String, Object>> watch = Watch.createWatch(client, objects.listNamespacedCustomObject(GROUP,
                        version, "default", "devices").watch(true).resourceVersion(since).buildCall(null),
                new TypeToken<Watch.Response<Map<String, Object>>>() { }.getType());
        return CompletableFuture.supplyAsync(() -> {
            List<String> seen = new ArrayList<>();
            try (watch) {
                for (Watch.Response<Map<String, Object>> event : watch) {
                    String apiVersion = (String) event.object.get("apiVersion");
                    seen.add(event.type + " " + apiVersion.substring(apiVersion.indexOf('/') + 1));
                    if (event.type.equals("DELETED")) {
                        return seen;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return seen;
        });
    }

    private static Map<String, Object> device(String version, String name, String node) {
        Map<String, Object> device = new HashMap<>();
        device.put("apiVersion", GROUP + "/" + version);
        device.put("kind", "Device");
        device.put("metadata", Map.of("name", name, "namespace", "default"));
        device.put("spec", Map.of("nodeName", node));
        return device;
    }

    private static Map<?, ?> create(String version, Map<String, Object> device) throws ApiException {
        return (Map<?, ?>) objects.createNamespacedCustomObject(GROUP, version, "default", "devices", device)
                .execute();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> get(String version, String name) throws ApiException {
        return (Map<String, Object>) objects.getNamespacedCustomObject(GROUP, version, "default", "devices", name)
                .execute();
    }

    private static Map<?, ?> metadata(Map<?, ?> object) {
        return (Map<?, ?>) object.get("metadata");
    }
}
