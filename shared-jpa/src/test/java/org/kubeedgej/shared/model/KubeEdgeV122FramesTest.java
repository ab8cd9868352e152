package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden round trips of the frames KubeEdge v1.22's edgecore and cloudcore write (recorded from the real binaries
 * and read from their source; see docs/kubeedge-conformance.md): each decodes into the model and encodes back to the
 * same bytes, so a frame relayed or answered keeps KubeEdge's shape, string contents included.
 */
public final class KubeEdgeV122FramesTest {

    private final MessageCodec underTest = MessageCodec.create();

    @ParameterizedTest
    @ValueSource(strings = {"v122-nodepatch.json", "v122-podpatch.json", "v122-pod-delete.json",
            "v122-node-insert-answer.json", "v122-node-insert-exists.json", "v122-twin-edge-updated.json",
            "v122-device-state.json", "v122-membership.json", "v122-membership-detail.json", "v122-twin-confirm.json",
            "v122-lease-update.json"})
    void encodeOfDecodedFrameReturnsTheSameBytes(final String fixture) {
        final byte[] expected = Fixtures.bytes(fixture);

        final byte[] actual = underTest.encode(underTest.decode(expected));

        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
    }

    @Test
    void statusPatchesCarryTheirPatchAsAJsonString() {
        final Message nodePatch = underTest.decode(Fixtures.bytes("v122-nodepatch.json"));
        assertEquals(MessageRoute.of(Groups.EDGED, Groups.META, Operations.PATCH, "default/nodepatch/edge-1"),
                nodePatch.route());
        final JsonObject patch = parse(nodePatch.contentString());
        assertEquals("Ready", patch.getJsonObject("status").getJsonArray("conditions").getJsonObject(0)
                .getString("type"));

        final Message podPatch = underTest.decode(Fixtures.bytes("v122-podpatch.json"));
        assertEquals("9f1c2b3a-8e7d-4c6b-a5f4-3e2d1c0b9a87", parse(podPatch.contentString())
                .getJsonObject("metadata").getString("uid"));
    }

    @Test
    void podDeleteCarriesDeleteOptionsWithTheUidPrecondition() {
        final Message delete = underTest.decode(Fixtures.bytes("v122-pod-delete.json"));
        assertEquals(Operations.DELETE, delete.route().operation());
        assertEquals(0, delete.content().asJsonObject().getInt("gracePeriodSeconds"));
        assertEquals("9f1c2b3a-8e7d-4c6b-a5f4-3e2d1c0b9a87", delete.content().asJsonObject()
                .getJsonObject("preconditions").getString("uid"));
    }

    @Test
    void answersAreObjectRespWithCapitalKeysAndGoStatusErrors() {
        final Message created = underTest.decode(Fixtures.bytes("v122-node-insert-answer.json"));
        assertTrue(created.isResponseTo(Message.newRequest(Groups.EDGED, Groups.META, Operations.INSERT,
                "default/node/edge-1", null).withHeader(MessageHeader.of("4fad1a2c-7e85-4a96-9b5c-9d4e6f708192", 0))));
        assertEquals("4711", created.header().resourceVersion());
        assertEquals("5a0b1c2d-8f96-4ba7-ac6d-ae5f708193a4", created.content().asJsonObject().getJsonObject("Object")
                .getJsonObject("metadata").getString("uid"));
        final Message exists = underTest.decode(Fixtures.bytes("v122-node-insert-exists.json"));
        assertEquals("AlreadyExists", exists.content().asJsonObject().getJsonObject("Err").getJsonObject("ErrStatus")
                .getString("reason"));
    }

    @Test
    void deviceStateIsAJsonStringAndTwinReportsAnObject() {
        final Message state = underTest.decode(Fixtures.bytes("v122-device-state.json"));
        assertEquals("online", parse(state.contentString()).getJsonObject("device").getString("state"));
        final Message twin = underTest.decode(Fixtures.bytes("v122-twin-edge-updated.json"));
        assertEquals("25", twin.content().asJsonObject().getJsonObject("twin").getJsonObject("temperature")
                .getJsonObject("actual").getString("value"));
        final Message membership = underTest.decode(Fixtures.bytes("v122-membership.json"));
        assertEquals(Groups.TWIN, membership.route().group());
        assertEquals(jakarta.json.JsonValue.NULL, membership.content().asJsonObject().get("removed_devices"));
    }

    private static JsonObject parse(final String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
