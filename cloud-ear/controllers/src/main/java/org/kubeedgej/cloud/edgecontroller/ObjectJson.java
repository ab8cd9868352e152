package org.kubeedgej.cloud.edgecontroller;

import io.kubernetes.client.openapi.JSON;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;

/** A Kubernetes model object as the JSON KubeEdge's edge stores: the API server's form, apiVersion and kind included. */
final class ObjectJson {

    private ObjectJson() {
        throw new AssertionError();
    }

    /**
     * @param object a model object (informer cache items lack apiVersion and kind; the object is not changed)
     * @param apiVersion its apiVersion
     * @param kind its kind
     * @return its JSON with apiVersion and kind
     */
    static JsonObject of(Object object, String apiVersion, String kind) {
        try (JsonReader reader = Json.createReader(new StringReader(JSON.serialize(object)))) {
            return Json.createObjectBuilder(reader.readObject()).add("apiVersion", apiVersion).add("kind", kind)
                    .build();
        }
    }
}
