package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PodSpecReaderTest {

    @Test
    void readContainersLimitsAndDefaults() {
        PodDefinition pod = PodSpecReader.read(json("""
                {"metadata":{"name":"web","namespace":"apps","uid":"u1"},
                 "spec":{"hostNetwork":true,"restartPolicy":"OnFailure","containers":[
                   {"name":"c","image":"busybox","command":["sh","-c"],"args":["echo hi"],
                    "env":[{"name":"A","value":"1"},{"name":"B","valueFrom":{}}],
                    "resources":{"limits":{"memory":"64Mi","cpu":"500m"}}},
                   {"name":"d","image":"registry.local:5000/x:1.2"}]}}"""), "default");
        assertEquals("apps/web", pod.key());
        assertTrue(pod.ref().hostNetwork());
        assertEquals("OnFailure", pod.restartPolicy());
        assertEquals(30, pod.graceSeconds());
        assertFalse(pod.deleting());
        ContainerSpec c = pod.containers().get(0);
        assertEquals(List.of("sh", "-c"), c.command());
        assertEquals(List.of("echo hi"), c.args());
        assertEquals(Map.of(), c.env(), "env is resolved at container start (EnvResolver), not when read");
        assertEquals(64L << 20, c.memoryBytes());
        assertEquals(500_000_000L, c.nanoCpus());
        assertEquals("Always", c.imagePullPolicy(), "no tag means latest, which Kubernetes always pulls");
        assertEquals("IfNotPresent", pod.containers().get(1).imagePullPolicy());
    }

    @Test
    void deletionUsesTheDeletionGracePeriod() {
        PodDefinition pod = PodSpecReader.read(json("""
                {"metadata":{"name":"web","uid":"u1","deletionTimestamp":"2026-01-01T00:00:00Z",
                 "deletionGracePeriodSeconds":5},
                 "spec":{"terminationGracePeriodSeconds":60,"containers":[]}}"""), "default");
        assertTrue(pod.deleting());
        assertEquals(5, pod.graceSeconds());
        assertEquals("default/web", pod.key());
        assertFalse(pod.ref().hostNetwork());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
