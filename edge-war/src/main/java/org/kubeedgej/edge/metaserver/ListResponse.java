package org.kubeedgej.edge.metaserver;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * A list as the API server answers it ({@code PodList}, {@code ConfigMapList}, ...): apiVersion, kind,
 * {@code metadata.resourceVersion} (where a watch of the same collection continues from) and the items.
 */
final class ListResponse {

    private ListResponse() {
        throw new AssertionError("no instances");
    }

    /**
     * @param resource the resource listed
     * @param items the objects, each with apiVersion and kind
     * @param resourceVersion MetaServer's revision when the list was read
     * @return the list object
     */
    static JsonObject of(KubeResource resource, List<JsonObject> items, long resourceVersion) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(array::add);
        return Json.createObjectBuilder()
                .add(KubeObjects.API_VERSION, KubeResource.API_VERSION)
                .add(KubeObjects.KIND, resource.listKind())
                .add(KubeObjects.METADATA, Json.createObjectBuilder()
                        .add(KubeObjects.RESOURCE_VERSION, Long.toString(resourceVersion)))
                .add("items", array)
                .build();
    }
}
