package org.kubeedgej.edge.metaserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;

final class WatchHubTest {

    private final List<ObjectChange> received = new ArrayList<>();
    private final WatchHub.Watcher watcher = new WatchHub.Watcher() {
        @Override
        public void offer(ObjectChange change) {
            received.add(change);
        }

        @Override
        public void close(String reason) {
        }
    };
    private WatchHub underTest;

    @BeforeEach
    void setUp() {
        underTest = new WatchHub(100, Set.of("default/pod/web"), 3);
        underTest.register(watcher, KubeResource.PODS, OptionalLong.empty());
    }

    @Test
    void revisionsFollowTheCloudsResourceVersionsAndStayOrderedWhenOneArrivesLate() {
        publish(Operations.UPDATE, "default/pod/web", FakeMetaManager.pod("default", "web", 150));
        publish(Operations.INSERT, "default/pod/late", FakeMetaManager.pod("default", "late", 120));
        assertEquals(List.of(150L, 151L), received.stream().map(ObjectChange::revision).toList());
        assertEquals("151", received.get(1).object().getJsonObject("metadata").getString("resourceVersion"),
                "a late object carries its revision, so a client resuming from it misses nothing");
        assertEquals(151, underTest.revision());
    }

    @Test
    void addedOrModifiedFollowsWhatIsStoredNotTheOperation() {
        publish(Operations.INSERT, "default/pod/web", FakeMetaManager.pod("default", "web", 101));
        publish(Operations.UPDATE, "default/pod/new", FakeMetaManager.pod("default", "new", 102));
        publish(Operations.DELETE, "default/pod/new", JsonValue.NULL);
        publish(Operations.INSERT, "default/pod/new", FakeMetaManager.pod("default", "new", 104));
        assertEquals(List.of("MODIFIED", "ADDED", "DELETED", "ADDED"), received.stream().map(ObjectChange::type)
                .toList());
        assertEquals("Pod", received.get(2).object().getString("kind"), "a delete without object names the pod");
    }

    @Test
    void otherResourcesAndOperationsAreIgnored() {
        publish(Operations.UPDATE, "default/podstatus/web", Json.createObjectBuilder().build());
        publish(Operations.UPDATE, "default/device/d1", Json.createObjectBuilder().build());
        publish(Operations.UPDATE, "membership", Json.createObjectBuilder().build());
        publish(Operations.RESPONSE, "default/pod/web", Json.createValue("OK"));
        publish(Operations.INSERT, "default/configmap/c", FakeMetaManager.configMap("default", "c", 101, "v"));
        assertTrue(received.isEmpty(), received.toString());
        assertEquals(101, underTest.revision(), "the configmap change still counts");
    }

    @Test
    void resumingReplaysKeptChangesOrReportsTheOldestKept() {
        for (int i = 1; i <= 5; i++) {
            publish(Operations.UPDATE, "default/pod/web", FakeMetaManager.pod("default", "web", 100 + i));
        }
        WatchHub.Registration tooOld = underTest.register(watcher, KubeResource.PODS, OptionalLong.of(101));
        assertEquals(OptionalLong.of(102), tooOld.expiredOldest());
        WatchHub.Registration resumed = underTest.register(watcher, KubeResource.PODS, OptionalLong.of(102));
        assertTrue(resumed.expiredOldest().isEmpty());
        assertEquals(List.of(103L, 104L, 105L), resumed.replay().stream().map(ObjectChange::revision).toList());
        assertEquals(105, resumed.revision());
        assertTrue(underTest.register(watcher, KubeResource.CONFIGMAPS, OptionalLong.of(100)).expiredOldest()
                .isEmpty(), "nothing of configmaps was dropped");
        assertEquals(OptionalLong.of(100), underTest.register(watcher, KubeResource.SECRETS, OptionalLong.of(99))
                .expiredOldest(), "changes from before the start are not known");
    }

    private void publish(String operation, String key, JsonValue content) {
        underTest.publish(Message.newRequest(Groups.EDGECONTROLLER, Groups.RESOURCE, operation, key, content));
    }
}
