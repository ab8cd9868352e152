package org.kubeedgej.shared.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public final class ResourcePathTest {

    private final ResourcePath underTest = ResourcePath.cloud("edge-node-1", "default", ResourceTypes.POD, "nginx");

    @Test
    void toStringReturnsCloudAndEdgeForms() {
        assertEquals("node/edge-node-1/default/pod/nginx", underTest.toString());
        assertEquals("default/pod/nginx", underTest.toEdge().toString());
        assertEquals("node/edge-node-1/default/pod", ResourcePath.cloud("edge-node-1", "default", "pod", "")
                .toString());
    }

    @Test
    void parseCloudReturnsExpected() {
        final ResourcePath parsed = ResourcePath.parseCloud("node/edge-node-1/default/pod/nginx");

        assertEquals(underTest, parsed);
        assertTrue(parsed.isCloudForm());
        assertEquals("edge-node-1", parsed.nodeId());
        assertEquals("default", parsed.namespace());
        assertEquals("pod", parsed.type());
        assertEquals("nginx", parsed.name());
    }

    @Test
    void parseCloudClusterScopedNode() {
        final ResourcePath parsed = ResourcePath.parseCloud("node/n1/null/node/n1");

        assertTrue(parsed.isClusterScoped());
        assertEquals(ResourceTypes.NODE, parsed.type());
        assertEquals("null/node/n1", parsed.toEdge().toString());
    }

    @Test
    void parseEdgeListAndNameWithSlashes() {
        final ResourcePath list = ResourcePath.parseEdge("default/pod");
        final ResourcePath nested = ResourcePath.parseEdge("default/configmap/a/b");

        assertFalse(list.isCloudForm());
        assertEquals("", list.name());
        assertEquals("a/b", nested.name());
        assertEquals("node/n1/default/configmap/a/b", nested.toCloud("n1").toString());
    }

    @Test
    void edgeAndCloudConvertBothWays() {
        final ResourcePath edge = ResourcePath.edge("default", "pod", "nginx");

        assertEquals(underTest, edge.toCloud("edge-node-1"));
        assertEquals(edge, underTest.toEdge());
        assertEquals(edge, ResourcePath.parseEdge(ResourcePath.trimNodePrefix(underTest.toString())));
    }

    @Test
    void trimAndAddNodePrefixLikeCloudHub() {
        assertEquals("membership", ResourcePath.trimNodePrefix("node/n1/membership"));
        assertEquals("default/pod/nginx", ResourcePath.trimNodePrefix("node/n1/default/pod/nginx"));
        assertEquals("node/n1", ResourcePath.trimNodePrefix("node/n1"));
        assertEquals("default/pod/nginx", ResourcePath.trimNodePrefix("default/pod/nginx"));
        assertEquals("node/n1/device/default/thermometer/twin/edge_updated",
                ResourcePath.addNodePrefix("n1", "device/default/thermometer/twin/edge_updated"));
        assertEquals("node/n1/node", ResourcePath.addNodePrefix("n1", "node"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "default", "/pod/x", "default//x", "default/pod/", "default/pod//x",
            "default/pod/x/"})
    void tryToParseMalformedEdgeResource(final String resource) {
        final MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> ResourcePath.parseEdge(resource));
        assertEquals("Malformed resource '" + resource + "': expected <namespace>/<type>[/<name>]", e.getMessage());
        assertEquals("route.resource", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default/pod/nginx", "node/n1/default", "node//default/pod", "nodes/n1/default/pod",
            "node/n1//pod/x", "node"})
    void tryToParseMalformedCloudResource(final String resource) {
        final MessageFormatException e = assertThrows(MessageFormatException.class,
                () -> ResourcePath.parseCloud(resource));
        assertEquals("Malformed resource '" + resource + "': expected node/<nodeID>/<namespace>/<type>[/<name>]",
                e.getMessage());
    }

    @Test
    void tryToCreateInstanceWithBadSegments() {
        assertThrows(IllegalArgumentException.class, () -> ResourcePath.cloud("", "default", "pod", "x"));
        assertThrows(IllegalArgumentException.class, () -> ResourcePath.cloud("a/b", "default", "pod", "x"));
        assertThrows(IllegalArgumentException.class, () -> ResourcePath.edge("", "pod", "x"));
        assertThrows(IllegalArgumentException.class, () -> ResourcePath.edge("default", "k8s/ca.crt", ""));
        assertThrows(NullPointerException.class, () -> ResourcePath.edge("default", "pod", null));
        assertThrows(IllegalArgumentException.class, () -> ResourcePath.addNodePrefix("", "node"));
    }

    @Test
    void equalsAndHashCode() {
        final ResourcePath same = ResourcePath.parseCloud(underTest.toString());

        assertEquals(underTest, same);
        assertEquals(underTest.hashCode(), same.hashCode());
        assertNotEquals(underTest, underTest.toEdge());
        assertNotEquals(underTest, underTest.toCloud("other"));
        assertNotEquals(underTest, ResourcePath.cloud("edge-node-1", "kube-system", "pod", "nginx"));
        assertNotEquals(underTest, ResourcePath.cloud("edge-node-1", "default", "secret", "nginx"));
        assertNotEquals(underTest, ResourcePath.cloud("edge-node-1", "default", "pod", ""));
    }
}
