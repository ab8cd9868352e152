package org.kubeedgej.cloud.cloudhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.kubeedgej.cloud.events.ObjectDeliveredEvent;
import org.kubeedgej.shared.model.Message;

/** Which object an acknowledged message carried, as the ObjectSync records need it. */
final class ObjectDeliveryTest {

    private static Message message(String operation, String resource, String resourceVersion, JsonValue content) {
        Message message = Message.newRequest("edgecontroller", "resource", operation, resource, content);
        return message.withHeader(message.header().withResourceVersion(resourceVersion));
    }

    private static JsonObject object(String kind, String uid, String resourceVersion) {
        var metadata = Json.createObjectBuilder().add("name", "web").add("namespace", "default");
        if (uid != null) {
            metadata.add("uid", uid);
        }
        if (resourceVersion != null) {
            metadata.add("resourceVersion", resourceVersion);
        }
        var object = Json.createObjectBuilder().add("metadata", metadata);
        if (kind != null) {
            object.add("apiVersion", "v1").add("kind", kind);
        }
        return object.build();
    }

    @Test
    void anUpdateIsTheObjectAtTheHeadersResourceVersion() {
        ObjectDeliveredEvent underTest = ObjectDelivery.of("n1", message("update", "node/n1/default/pod/web", "42",
                object("Pod", "u1", "41"))).orElseThrow();
        assertEquals(new ObjectDeliveredEvent("n1", "v1", "Pod", "default", "web", "u1", "42", false), underTest);
    }

    @Test
    void kindComesFromTheResourceTypeWhenTheContentHasNone() {
        ObjectDeliveredEvent underTest = ObjectDelivery.of("n1", message("insert", "node/n1/default/pod/web", "",
                object(null, "u1", "7"))).orElseThrow();
        assertEquals("Pod", underTest.kind(), "informer list items have no kind");
        assertEquals("7", underTest.resourceVersion());
        assertEquals("ConfigMap", ObjectDelivery.of("n1", message("insert", "node/n1/default/configmap/web", "",
                object(null, "u2", "8"))).orElseThrow().kind());
    }

    @Test
    void aDeleteIsReportedAsDeletedEvenWithoutAResourceVersion() {
        ObjectDeliveredEvent underTest = ObjectDelivery.of("n1", message("delete", "node/n1/default/pod/web", "",
                object("Pod", "u1", null))).orElseThrow();
        assertTrue(underTest.deleted());
        assertEquals("u1", underTest.uid());
    }

    @Test
    void contentWithoutAnObjectIdentityIsNotAnObject() {
        assertEquals(Optional.empty(), ObjectDelivery.of("n1", message("update", "node/n1/default/pod/web", "3",
                object("Pod", null, "3"))));
        assertEquals(Optional.empty(), ObjectDelivery.of("n1", message("update", "node/n1/default/pod/web", "",
                object("Pod", "u1", null))), "an update must say which version the node has");
        assertEquals(Optional.empty(), ObjectDelivery.of("n1", message("update", "node/n1/membership", "",
                Json.createObjectBuilder().add("metadata", "not an object").build())));
        assertFalse(ObjectDelivery.of("n1", message("update", "node/n1/membership", "", JsonValue.NULL)).isPresent());
    }
}
