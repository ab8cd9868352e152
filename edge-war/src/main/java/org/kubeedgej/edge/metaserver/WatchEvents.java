package org.kubeedgej.edge.metaserver;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a watch stream, as the API server writes them: one JSON object per line,
 * {@code {"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":{...}}}.
 */
final class WatchEvents {

    static final String ADDED = "ADDED";
    static final String MODIFIED = "MODIFIED";
    static final String DELETED = "DELETED";
    static final String BOOKMARK = "BOOKMARK";
    static final String ERROR = "ERROR";
    /** The annotation on the bookmark that ends the initial events of a {@code sendInitialEvents} watch. */
    static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

    private WatchEvents() {
        throw new AssertionError("no instances");
    }

    /**
     * @param type the event type
     * @param objectJson the object, serialised
     * @return the line, newline included, as UTF-8
     */
    static byte[] line(String type, String objectJson) {
        return ("{\"type\":\"" + type + "\",\"object\":" + objectJson + "}\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A bookmark: only the kind and a resourceVersion the client may resume from.
     *
     * @param resource the watched resource
     * @param revision the revision the watch has caught up with
     * @param initialEventsEnd whether it ends the initial events
     * @return the line
     */
    static byte[] bookmark(KubeResource resource, long revision, boolean initialEventsEnd) {
        JsonObjectBuilder metadata = Json.createObjectBuilder()
                .add(KubeObjects.RESOURCE_VERSION, Long.toString(revision));
        if (initialEventsEnd) {
            metadata.add("annotations", Json.createObjectBuilder().add(INITIAL_EVENTS_END, "true"));
        }
        JsonObject object = Json.createObjectBuilder()
                .add(KubeObjects.KIND, resource.kind())
                .add(KubeObjects.API_VERSION, KubeResource.API_VERSION)
                .add(KubeObjects.METADATA, metadata)
                .build();
        return line(BOOKMARK, object.toString());
    }

    /** @return an ERROR event carrying a Status */
    static byte[] error(JsonObject status) {
        return line(ERROR, status.toString());
    }
}
