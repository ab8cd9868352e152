package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerLogRequestTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void readsThePathAndEveryPodLogOption() {
        ContainerLogRequest request = ContainerLogRequest.parse("/containerLogs/default/web/main",
                "follow=true&previous=true&tailLines=10&timestamps=true&limitBytes=500&sinceSeconds=60", NOW);
        assertEquals(new ContainerLogRequest("default", "web", "main", true, true, 10, NOW.minusSeconds(60), true,
                500), request);
        assertEquals("default/web", request.podKey());
    }

    @Test
    void noQueryMeansTheWholeLogOnce() {
        assertEquals(new ContainerLogRequest("kube-system", "p", "c", false, false, -1, null, false, -1),
                ContainerLogRequest.parse("/containerLogs/kube-system/p/c", null, NOW));
    }

    @Test
    void sinceTimeIsRfc3339() {
        assertEquals(Instant.parse("2026-12-07T07:00:00Z"), ContainerLogRequest.parse("/containerLogs/a/b/c",
                "sinceTime=2026-12-07T07%3A00%3A00Z", NOW).since());
    }

    @Test
    void badRequestsNameTheProblem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContainerLogRequest.parse(
                "/containerLogs/a/b", "", NOW)).getMessage().contains("expected /containerLogs/"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContainerLogRequest.parse(
                "/exec/a/b/c", "", NOW)).getMessage().contains("not a container log path"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContainerLogRequest.parse(
                "/containerLogs/a/b/c", "tailLines=ten", NOW)).getMessage().contains("tailLines is not a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContainerLogRequest.parse(
                "/containerLogs/a/b/c", "sinceSeconds=0", NOW)).getMessage().contains("greater than 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ContainerLogRequest.parse(
                "/containerLogs/a/b/c", "sinceTime=yesterday", NOW)).getMessage().contains("RFC 3339"));
    }
}
