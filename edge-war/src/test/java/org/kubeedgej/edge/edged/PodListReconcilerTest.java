package org.kubeedgej.edge.edged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.RecordingEvent;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.CloudReplyEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.edge.metamanager.MetaManager;
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageHeader;
import org.kubeedgej.shared.model.MessageRoute;

class PodListReconcilerTest {

    private final Map<String, String> rows = new TreeMap<>();
    private final List<Message> upstream = new ArrayList<>();
    private final RecordingEvent<StoredObjectEvent> storedEvents = new RecordingEvent<>();
    private final PodListReconciler underTest = new PodListReconciler();

    @BeforeEach
    void wire() {
        MetaRepository repository = new MapRepository(rows);
        underTest.metaManager = new MetaManager(repository, storedEvents);
        underTest.repository = repository;
        underTest.edgeHub = new EdgeHubClient() {
            @Override
            public void send(Message message) {
                upstream.add(message);
            }
        };
        underTest.nodeName = "n1";
        store("default/pod/keep", "uid-keep");
        store("default/pod/gone", "uid-gone");
    }

    @Test
    void afterAReconnectPodsTheClusterNoLongerHasAreRemovedByUid() {
        underTest.onConnected(new CloudConnectedEvent("wss://127.0.0.1:10000"));
        Message query = upstream.get(0);
        assertEquals("query", query.route().operation());
        assertEquals("default/podlist/n1", query.route().resource());

        store("default/pod/arrived", "uid-new");
        underTest.onReply(new CloudReplyEvent(answer(query, Json.createArrayBuilder()
                .add(pod("default", "keep", "uid-keep")).build())));

        assertEquals(List.of("default/pod/arrived", "default/pod/keep"),
                rows.keySet().stream().filter(k -> k.startsWith("default/pod/")).toList(),
                "the deleted pod is gone; a pod stored after the question is not judged");
        assertTrue(rows.containsKey("tombstone/uid-gone"), "its UID is remembered as deleted");
        assertEquals(1, storedEvents.fired().size(), "edged hears of the delete and stops its containers");
        assertEquals("delete", storedEvents.fired().get(0).message().route().operation());
        assertEquals("default/pod/gone", storedEvents.fired().get(0).message().route().resource());
    }

    @Test
    void aNewerPodOfTheSameNameStays() {
        underTest.onConnected(new CloudConnectedEvent("wss://127.0.0.1:10000"));
        store("default/pod/gone", "uid-recreated");
        underTest.onReply(new CloudReplyEvent(answer(upstream.get(0), Json.createArrayBuilder()
                .add(pod("default", "keep", "uid-keep")).add(pod("default", "gone", "uid-recreated")).build())));
        assertTrue(rows.get("default/pod/gone").contains("uid-recreated"));
        assertEquals(List.of(), storedEvents.fired());
    }

    @Test
    void withoutAListNothingIsRemoved() {
        underTest.onConnected(new CloudConnectedEvent("wss://127.0.0.1:10000"));
        Message query = upstream.get(0);
        underTest.onReply(new CloudReplyEvent(answer(Message.newRequest("x", "y", "query", "default/podlist/n1",
                null), JsonValue.EMPTY_JSON_ARRAY)));
        underTest.onReply(new CloudReplyEvent(answer(query, Json.createObjectBuilder().add("ErrStatus",
                Json.createObjectBuilder().add("code", 503)).build())));
        underTest.onReply(new CloudReplyEvent(answer(query, JsonValue.EMPTY_JSON_ARRAY)));
        assertEquals(2, rows.size(), "an answer to another question, then a refusal: the question is over");
        assertEquals(List.of(), storedEvents.fired());
    }

    private void store(String key, String uid) {
        rows.put(key, "{\"metadata\":{\"name\":\"" + key.substring(key.lastIndexOf('/') + 1) + "\",\"uid\":\""
                + uid + "\"}}");
    }

    private static JsonValue pod(String namespace, String name, String uid) {
        return Json.createObjectBuilder().add("namespace", namespace).add("name", name).add("uid", uid).build();
    }

    private static Message answer(Message query, JsonValue content) {
        return Message.of(MessageHeader.newHeader().withParentId(query.header().id()),
                MessageRoute.of("edgecontroller", "resource", "response", query.route().resource()), content);
    }

    /** MetaRepository over a map. */
    private record MapRepository(Map<String, String> rows) implements MetaRepository {
        @Override
        public void save(String key, String type, String value) {
            rows.put(key, value);
        }

        @Override
        public boolean delete(String key) {
            return rows.remove(key) != null;
        }

        @Override
        public Optional<String> find(String key) {
            return Optional.ofNullable(rows.get(key));
        }

        @Override
        public Map<String, String> findByType(String type) {
            Map<String, String> found = new TreeMap<>();
            rows.forEach((k, v) -> {
                if (k.split("/")[1].equals(type)) {
                    found.put(k, v);
                }
            });
            return found;
        }
    }
}
