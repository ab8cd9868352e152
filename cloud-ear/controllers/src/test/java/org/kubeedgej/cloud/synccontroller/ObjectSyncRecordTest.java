package org.kubeedgej.cloud.synccontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Records as the API server returns them (KubeEdge's reliablesyncs.kubeedge.io/v1alpha1 fields). */
final class ObjectSyncRecordTest {

    private static final String OBJECT_SYNC = """
            {"apiVersion":"reliablesyncs.kubeedge.io/v1alpha1","kind":"ObjectSync",
             "metadata":{"name":"edge.node.1.0f1d2c3b-aaaa-bbbb-cccc-0123456789ab","namespace":"default",
                         "resourceVersion":"77"},
             "spec":{"objectAPIVersion":"v1","objectKind":"Pod","objectName":"web"},
             "status":{"objectResourceVersion":"42"}}""";

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void fromJsonReturnsExpected() {
        ObjectSyncRecord underTest = ObjectSyncRecord.fromJson(json(OBJECT_SYNC)).orElseThrow();
        assertEquals(new ObjectSyncRecord("edge.node.1.0f1d2c3b-aaaa-bbbb-cccc-0123456789ab", "default", "v1", "Pod",
                "web", "42"), underTest);
        assertEquals("edge.node.1", underTest.nodeId(), "node names may have dots, UIDs do not");
        assertEquals("0f1d2c3b-aaaa-bbbb-cccc-0123456789ab", underTest.uid());
        assertFalse(underTest.clusterScoped());
    }

    @Test
    void clusterObjectSyncWithoutStatusHasEmptyNamespaceAndVersion() {
        ObjectSyncRecord underTest = ObjectSyncRecord.fromJson(json("""
                {"metadata":{"name":"edge-1.uid-n"},"spec":{"objectAPIVersion":"v1","objectKind":"Node",
                 "objectName":"edge-1"}}""")).orElseThrow();
        assertTrue(underTest.clusterScoped());
        assertEquals("", underTest.resourceVersion());
        assertEquals("Node edge-1 (uid uid-n)", underTest.describe());
    }

    @Test
    void recordsNotNamedNodeDotUidAreNotOurs() {
        assertEquals(Optional.empty(), ObjectSyncRecord.fromJson(json("{\"metadata\":{\"name\":\"nodot\"}}")));
        assertEquals(Optional.empty(), ObjectSyncRecord.fromJson(json("{\"metadata\":{\"name\":\"trailing.\"}}")));
        assertEquals(Optional.empty(), ObjectSyncRecord.fromJson(json("{}")));
    }

    @Test
    void tryToCreateInstanceWithBadNameOrNullPart() {
        assertThrows(IllegalArgumentException.class, () -> new ObjectSyncRecord(".uid", "", "v1", "Pod", "a", ""));
        assertThrows(NullPointerException.class, () -> new ObjectSyncRecord("n.u", null, "v1", "Pod", "a", ""));
    }
}
