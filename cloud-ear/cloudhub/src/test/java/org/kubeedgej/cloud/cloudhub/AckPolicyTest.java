package org.kubeedgej.cloud.cloudhub;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;

class AckPolicyTest {

    private static Message request(String operation, String resource) {
        return Message.newRequest("edgecontroller", "resource", operation, resource, JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void objectsTheEdgeStoresWaitForTheirAck() {
        assertTrue(AckPolicy.needsAck(request("update", "default/pod/nginx")));
        assertTrue(AckPolicy.needsAck(request("delete", "default/configmap/settings")));
        assertFalse(AckPolicy.needsAck(request("update", "membership")), "KubeEdge's edge never acks membership");
        assertTrue(AckPolicy.needsAck(request("insert", "default/device/sensor-1")));
        assertTrue(AckPolicy.needsAck(request("update", "8080:/hello")));
    }

    @Test
    void answersToTheEdgeAreSentOnce() {
        Message query = Message.newRequest("edged", "meta", "query", "default/configmap/settings",
                JsonValue.NULL);
        assertFalse(AckPolicy.needsAck(query.newResponse(JsonValue.EMPTY_JSON_OBJECT)));
        assertFalse(AckPolicy.needsAck(request("error", "default/configmap/settings")));
    }

    @Test
    void statusLikeTypesAreSentOnceAsKubeEdgeDoes() {
        assertFalse(AckPolicy.needsAck(request("update", "default/podlist/all")));
        assertFalse(AckPolicy.needsAck(request("update", "null/nodestatus/edge-node")));
        assertFalse(AckPolicy.needsAck(request("query", "default/serviceaccounttoken/sa")));
    }
}
