package org.kubeedgej.cloud.edgecontroller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Pod;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ConfigSourceIndexTest {

    private static final ConfigSourceRef APP = ConfigSourceRef.configMap("default", "app");
    private static final ConfigSourceRef TOKEN = ConfigSourceRef.secret("default", "token");

    private final ConfigSourceIndex underTest = new ConfigSourceIndex();

    @Test
    void nodesAreThoseWhosePodsReferenceTheObject() {
        underTest.put(pod("u1", "n1", "app", null));
        underTest.put(pod("u2", "n2", "app", "token"));
        underTest.put(pod("u3", null, "app", "token"));

        assertEquals(Set.of("n1", "n2"), underTest.nodesFor(APP));
        assertEquals(Set.of("n2"), underTest.nodesFor(TOKEN));
        assertTrue(underTest.isNeeded("n2", TOKEN));
        assertFalse(underTest.isNeeded("n1", TOKEN), "n1 has no pod using the secret");
        assertEquals(Set.of(APP, TOKEN), underTest.refsOn("n2"));
    }

    @Test
    void changedAndDeletedPodsNoLongerHoldTheirReferences() {
        underTest.put(pod("u1", "n1", "app", "token"));
        Set<ConfigSourceRef> before = underTest.put(pod("u1", "n1", "app", null));
        assertEquals(Set.of(APP, TOKEN), before, "the old references come back, so they are reconciled too");
        assertEquals(Set.of(), underTest.nodesFor(TOKEN));

        assertEquals(Set.of(APP), underTest.remove("u1"));
        assertEquals(Set.of(), underTest.nodesFor(APP));
        assertEquals(Set.of(), underTest.remove("u1"), "removing twice is harmless");
    }

    private static V1Pod pod(String uid, String node, String configMap, String secret) {
        String env = secret == null ? "" : ",\"envFrom\":[{\"secretRef\":{\"name\":\"" + secret + "\"}}]";
        return JSON.deserialize("{\"metadata\":{\"name\":\"" + uid + "\",\"namespace\":\"default\",\"uid\":\"" + uid
                + "\"},\"spec\":{" + (node == null ? "" : "\"nodeName\":\"" + node + "\",")
                + "\"volumes\":[{\"name\":\"v\",\"configMap\":{\"name\":\"" + configMap + "\"}}],"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"x\"" + env + "}]}}", V1Pod.class);
    }
}
