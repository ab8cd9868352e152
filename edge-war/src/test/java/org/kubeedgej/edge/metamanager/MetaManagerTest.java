package org.kubeedgej.edge.metamanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.RecordingEvent;
import org.kubeedgej.shared.model.Message;

/** MetaManager on the real edge database: what it keeps, and what a redelivery cannot undo. */
final class MetaManagerTest {

    private static final String KEY = "default/pod/web";

    private TestEdgeDatabase database;
    private JpaMetaRepository repository;
    private RecordingEvent<StoredObjectEvent> announced;
    private MetaManager underTest;

    @BeforeEach
    void open() {
        database = new TestEdgeDatabase();
        repository = new JpaMetaRepository();
        repository.persistence = database.open();
        announced = new RecordingEvent<>();
        underTest = new MetaManager(repository, announced);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static JsonObject pod(String uid, String resourceVersion) {
        return Json.createObjectBuilder().add("metadata", Json.createObjectBuilder().add("name", "web")
                .add("namespace", "default").add("uid", uid).add("resourceVersion", resourceVersion)).build();
    }

    private static Message message(String operation, JsonObject content) {
        return Message.newRequest("controller", "resource", operation, KEY, content);
    }

    private List<String> announcedOperations() {
        return announced.fired().stream().map(e -> e.message().route().operation()).toList();
    }

    @Test
    void anInsertSentAgainAfterTheDeleteIsAcknowledgedButDoesNotBringThePodBack() {
        assertTrue(underTest.store(message("insert", pod("u1", "10"))));
        assertTrue(underTest.store(message("delete", pod("u1", "12"))));

        assertTrue(underTest.store(message("insert", pod("u1", "10"))), "acknowledged, so the cloud stops sending");
        assertEquals(Optional.empty(), repository.find(KEY));
        assertEquals(List.of("insert", "delete"), announcedOperations(), "edged is not told to run it again");
    }

    @Test
    void aDeletedUidStaysDeletedAcrossARestartOfTheEdge() {
        underTest.store(message("insert", pod("u1", "10")));
        underTest.store(message("delete", Json.createObjectBuilder().build()));

        MetaManager restarted = new MetaManager(repository, announced);
        restarted.store(message("update", pod("u1", "11")));
        assertEquals(Optional.empty(), repository.find(KEY), "the UID came from the stored pod, and was kept");
    }

    @Test
    void anOlderVersionOfAKeptObjectIsNotStored() {
        underTest.store(message("update", pod("u1", "20")));
        underTest.store(message("update", pod("u1", "19")));

        assertEquals("20", resourceVersionKept());
        assertEquals(List.of("update"), announcedOperations());
    }

    @Test
    void newerVersionsAndNewObjectsOfTheSameNameAreStored() {
        underTest.store(message("update", pod("u1", "20")));
        underTest.store(message("update", pod("u1", "21")));
        assertEquals("21", resourceVersionKept());

        underTest.store(message("delete", pod("u1", "22")));
        underTest.store(message("insert", pod("u2", "5")));
        assertEquals("5", resourceVersionKept(), "a new pod of the same name has a new UID");
        assertEquals(List.of("update", "update", "delete", "insert"), announcedOperations());
    }

    @Test
    void versionsThatAreNotNumbersAreNeverCalledOlder() {
        underTest.store(message("update", pod("u1", "20")));
        underTest.store(message("update", pod("u1", "opaque-1")));
        assertEquals("opaque-1", resourceVersionKept());
    }

    @Test
    void theDeletedUidsAreBounded() {
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        java.time.Clock ticking = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(now.incrementAndGet());
            }
        };
        DeletedObjects deleted = new DeletedObjects(repository, ticking, 8);
        for (int i = 0; i <= 8; i++) {
            deleted.remember("uid-" + i, "default/pod/p" + i);
        }
        assertEquals(6, repository.findByType(DeletedObjects.TYPE).size(), "pruned to three quarters");
        assertTrue(deleted.wasDeleted("uid-8"), "the newest stays");
        assertTrue(!deleted.wasDeleted("uid-0") && !deleted.wasDeleted("uid-2"), "the oldest go first");
    }

    private String resourceVersionKept() {
        return repository.find(KEY).map(json -> Json.createReader(new java.io.StringReader(json)).readObject()
                .getJsonObject("metadata").getString("resourceVersion")).orElseThrow();
    }
}
