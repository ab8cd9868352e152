package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusRequestTest {

    private static JsonValue json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    @Test
    void kubeEdgePodStatusRequest() {
        List<PodStatusRequest> read = PodStatusRequest.read(json(
                "{\"UID\":\"u1\",\"Name\":\"nginx\",\"Status\":{\"phase\":\"Running\"}}"), "nginx");
        assertEquals(1, read.size());
        assertEquals("u1", read.get(0).uid());
        assertEquals("nginx", read.get(0).name());
        assertEquals("Running", read.get(0).status().getString("phase"));
    }

    @Test
    void listOfRequestsForAResourceWithoutName() {
        List<PodStatusRequest> read = PodStatusRequest.read(json("[{\"UID\":\"u1\",\"Name\":\"a\",\"Status\":{}},"
                + "{\"UID\":\"u2\",\"Name\":\"b\",\"Status\":{}}]"), "");
        assertEquals(List.of("a", "b"), read.stream().map(PodStatusRequest::name).toList());
    }

    @Test
    void olderKubeEdgeJForm() {
        PodStatusRequest read = PodStatusRequest.read(json(
                "{\"metadata\":{\"name\":\"web\",\"uid\":\"u9\"},\"status\":{\"phase\":\"Pending\"}}"), "web").get(0);
        assertEquals("u9", read.uid());
        assertEquals("Pending", read.status().getString("phase"));
    }

    @Test
    void malformedStatusesAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> PodStatusRequest.read(json("\"text\""), "x"));
        assertThrows(IllegalArgumentException.class, () -> PodStatusRequest.read(json(
                "{\"UID\":\"u\",\"Name\":\"x\",\"Status\":\"Running\"}"), "x"));
        assertThrows(IllegalArgumentException.class, () -> PodStatusRequest.read(json(
                "{\"UID\":7,\"Name\":\"x\",\"Status\":{}}"), "x"));
        assertThrows(IllegalArgumentException.class, () -> PodStatusRequest.read(json(
                "{\"UID\":\"u\",\"Status\":{}}"), ""));
    }

    @Test
    void deleteOptionsUidIsTheOneThatCounts() {
        assertEquals("u1", PodUpstreamHandler.uidOf(json(
                "{\"gracePeriodSeconds\":0,\"preconditions\":{\"uid\":\"u1\"}}")));
        assertEquals("u2", PodUpstreamHandler.uidOf(json("\"u2\"")));
        assertEquals("u3", PodUpstreamHandler.uidOf(json("{\"metadata\":{\"uid\":\"u3\"}}")));
        assertEquals("", PodUpstreamHandler.uidOf(json("{\"gracePeriodSeconds\":0}")));
    }
}
