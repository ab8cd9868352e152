package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Secret;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

final class ConfigSourceMessagesTest {

    private static final MessageCodec CODEC = MessageCodec.create();
    private static final V1ConfigMap APP = JSON.deserialize("{\"metadata\":{\"name\":\"app\",\"namespace\":"
            + "\"default\",\"uid\":\"cm-1\",\"resourceVersion\":\"42\"},\"data\":{\"mode\":\"edge\"}}",
            V1ConfigMap.class);

    @Test
    void changeCarriesTheObjectAndItsVersionToTheNodeResource() {
        Message underTest = CODEC.decode(ConfigSourceMessages.change("n1", ConfigSourceRef.configMap("default",
                "app"), "update", APP));

        assertEquals("node/n1/default/configmap/app", underTest.route().resource());
        assertEquals("update", underTest.route().operation());
        assertEquals("edgecontroller", underTest.route().source());
        assertEquals("resource", underTest.route().group());
        assertEquals("42", underTest.header().resourceVersion());
        JsonObject content = underTest.content().asJsonObject();
        assertEquals("ConfigMap", content.getString("kind"));
        assertEquals("v1", content.getString("apiVersion"));
        assertEquals("edge", content.getJsonObject("data").getString("mode"));
    }

    @Test
    void secretDataStaysBase64AsTheApiServerShowsIt() {
        V1Secret secret = JSON.deserialize("{\"metadata\":{\"name\":\"s\",\"namespace\":\"default\"},"
                + "\"data\":{\"password\":\"" + Base64.getEncoder().encodeToString("p@ss".getBytes(
                StandardCharsets.UTF_8)) + "\"}}", V1Secret.class);

        JsonObject underTest = ConfigSourceMessages.content(secret);

        assertEquals("Secret", underTest.getString("kind"));
        assertEquals("cEBzcw==", underTest.getJsonObject("data").getString("password"));
    }

    @Test
    void queryIsAnsweredWithAResponseOrAnErrorToTheQueryId() {
        Message query = CODEC.decode(Json.createReader(new StringReader("{\"header\":{\"msg_id\":\"q1\","
                + "\"parent_msg_id\":\"\",\"timestamp\":1,\"sync\":true},\"route\":{\"source\":\"metamanager\","
                + "\"group\":\"resource\",\"operation\":\"query\",\"resource\":\"node/n1/default/configmap/app\"},"
                + "\"content\":null}")).readObject().toString());

        Message response = CODEC.decode(ConfigSourceMessages.response(query, APP));
        assertEquals("q1", response.header().parentId());
        assertEquals("response", response.route().operation());
        assertEquals("node/n1/default/configmap/app", response.route().resource());
        assertEquals("42", response.header().resourceVersion());
        assertEquals("app", response.content().asJsonObject().getJsonObject("metadata").getString("name"));

        Message error = CODEC.decode(ConfigSourceMessages.error(query, "configmap \"app\" not found"));
        assertEquals("q1", error.header().parentId());
        assertEquals("error", error.route().operation());
        assertEquals("configmap \"app\" not found", error.contentString());
    }
}
