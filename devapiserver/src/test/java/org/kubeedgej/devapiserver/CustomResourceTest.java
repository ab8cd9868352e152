package org.kubeedgej.devapiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionCondition;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.Yaml;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A CRD (from the kubectl fixture) and its custom objects through CustomObjectsApi. */
class CustomResourceTest {
    private static final String GROUP = "devices.kubeedge.io";
    private static DevApiServer server;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        server = DevApiServer.start(0);
        client = ClientSupport.client(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void crdIsEstablishedAndItsObjectsSupportCrud() throws ApiException, IOException {
        establishCrd();
        V1CustomResourceDefinition created = new ApiextensionsV1Api(client)
                .readCustomResourceDefinition("devices." + GROUP).execute();
        List<String> trueConditions = created.getStatus().getConditions().stream()
                .filter(c -> c.getStatus().equals("True")).map(V1CustomResourceDefinitionCondition::getType).toList();
        assertTrue(trueConditions.containsAll(List.of("Established", "NamesAccepted")), trueConditions.toString());
        assertEquals("devices", created.getStatus().getAcceptedNames().getPlural());

        CustomObjectsApi objects = new CustomObjectsApi(client);
        Map<String, Object> device = Map.of("apiVersion", GROUP + "/v1beta1", "kind", "Device",
                "metadata", Map.of("name", "sensor-1", "namespace", "default"),
                "spec", Map.of("nodeName", "edge-1"));
        objects.createNamespacedCustomObject(GROUP, "v1beta1", "default", "devices", device).execute();

        Map<?, ?> read = (Map<?, ?>) objects.getNamespacedCustomObject(GROUP, "v1beta1", "default", "devices",
                "sensor-1").execute();
        assertEquals("edge-1", ((Map<?, ?>) read.get("spec")).get("nodeName"));
        Map<?, ?> list = (Map<?, ?>) objects.listNamespacedCustomObject(GROUP, "v1beta1", "default", "devices")
                .execute();
        assertEquals(1, ((List<?>) list.get("items")).size());

        Map<?, ?> patched = PatchUtils.patch(Map.class, () -> objects.patchNamespacedCustomObject(GROUP, "v1beta1",
                "default", "devices", "sensor-1", new V1Patch("{\"spec\":{\"protocol\":\"modbus\"}}")).buildCall(null),
                V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
        assertEquals("modbus", ((Map<?, ?>) patched.get("spec")).get("protocol"));
        assertEquals("edge-1", ((Map<?, ?>) patched.get("spec")).get("nodeName"));

        objects.deleteNamespacedCustomObject(GROUP, "v1beta1", "default", "devices", "sensor-1").execute();
        ApiException gone = assertThrows(ApiException.class, () -> objects.getNamespacedCustomObject(GROUP,
                "v1beta1", "default", "devices", "sensor-1").execute());
        assertEquals(404, gone.getCode());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStatusWriteFromAStaleResourceVersionIsAConflict() throws ApiException, IOException {
        establishCrd();
        CustomObjectsApi objects = new CustomObjectsApi(client);
        objects.createNamespacedCustomObject(GROUP, "v1beta1", "default", "devices", Map.of("apiVersion",
                GROUP + "/v1beta1", "kind", "Device", "metadata", Map.of("name", "meter-2", "namespace", "default"),
                "spec", Map.of("nodeName", "edge-1"))).execute();
        Map<String, Object> read = (Map<String, Object>) objects.getNamespacedCustomObject(GROUP, "v1beta1",
                "default", "devices", "meter-2").execute();

        // Two writers read the same version; kube-apiserver lets the first write through and refuses the second.
        Map<String, Object> first = new java.util.LinkedHashMap<>(read);
        first.put("status", Map.of("state", "online"));
        objects.replaceNamespacedCustomObjectStatus(GROUP, "v1beta1", "default", "devices", "meter-2", first)
                .execute();
        Map<String, Object> second = new java.util.LinkedHashMap<>(read);
        second.put("status", Map.of("state", "offline"));
        ApiException conflict = assertThrows(ApiException.class, () -> objects.replaceNamespacedCustomObjectStatus(
                GROUP, "v1beta1", "default", "devices", "meter-2", second).execute());
        assertEquals(409, conflict.getCode(), conflict.getResponseBody());
        Map<String, Object> after = (Map<String, Object>) objects.getNamespacedCustomObject(GROUP, "v1beta1",
                "default", "devices", "meter-2").execute();
        assertEquals("online", ((Map<?, ?>) after.get("status")).get("state"), "the first write stays");
        objects.deleteNamespacedCustomObject(GROUP, "v1beta1", "default", "devices", "meter-2").execute();
    }

    private static void establishCrd() throws IOException {
        V1CustomResourceDefinition crd;
        try (var reader = new InputStreamReader(CustomResourceTest.class.getResourceAsStream("/crd.yaml"),
                StandardCharsets.UTF_8)) {
            crd = Yaml.loadAs(reader, V1CustomResourceDefinition.class);
        }
        try {
            new ApiextensionsV1Api(client).createCustomResourceDefinition(crd).execute();
        } catch (ApiException alreadyThere) {
            assertEquals(409, alreadyThere.getCode(), alreadyThere.getResponseBody());
        }
    }
}
