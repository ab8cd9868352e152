package org.kubeedgej.edge.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.event.Event;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.devicetwin.CloudTwinSync;
import org.kubeedgej.edge.metamanager.MetaManager;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

final class DownstreamHandlerTest {

    private final List<Message> stored = new ArrayList<>();
    private final List<Message> sent = new ArrayList<>();
    private final List<Message> toDeviceTwin = new ArrayList<>();
    private final List<Object> fired = new ArrayList<>();
    private boolean storeSucceeds = true;
    private DownstreamHandler underTest;

    @BeforeEach
    void setUp() {
        underTest = new DownstreamHandler();
        underTest.serviceBus = new org.kubeedgej.edge.servicebus.ServiceBusRequestHandler();
        underTest.metaManager = new MetaManager() {
            @Override
            public boolean store(Message message) {
                stored.add(message);
                return storeSucceeds;
            }
        };
        underTest.refusedQueries = recordingEvent();
        underTest.replies = recordingEvent();
        underTest.deviceTwin = new CloudTwinSync() {
            @Override
            public boolean apply(Message message) {
                toDeviceTwin.add(message);
                return true;
            }
        };
        underTest.edgeHub = new EdgeHubClient() {
            @Override
            public void send(Message message) {
                sent.add(message);
            }
        };
    }

    @Test
    void storedMessageIsAcknowledgedWithItsIdAsParent() {
        Message insert = pod("m1");
        underTest.handle(MessageCodec.create().encodeToString(insert));
        assertEquals(List.of(insert), stored);
        assertEquals(1, sent.size());
        assertEquals("m1", sent.get(0).header().parentId());
        assertEquals("response", sent.get(0).route().operation());
    }

    @Test
    void messageSentAgainIsAcknowledgedAgainButAppliedOnce() {
        String text = MessageCodec.create().encodeToString(pod("m2"));
        underTest.handle(text);
        underTest.handle(text);
        assertEquals(1, stored.size(), "a resent message must not be applied twice");
        assertEquals(2, sent.size(), "each copy is acknowledged, so the cloud stops resending");
    }

    @Test
    void messageThatCouldNotBeStoredIsNotAcknowledged() {
        storeSucceeds = false;
        underTest.handle(MessageCodec.create().encodeToString(pod("m3")));
        assertEquals(0, sent.size());
        storeSucceeds = true;
        underTest.handle(MessageCodec.create().encodeToString(pod("m3")));
        assertEquals(2, stored.size(), "a message not stored is applied when it comes again");
        assertEquals(1, sent.size());
    }

    @Test
    void malformedMessageIsDroppedWithoutAck() {
        underTest.handle("{nope");
        assertEquals(0, stored.size());
        assertEquals(0, sent.size());
    }

    @Test
    void answerToAConfigMapQueryIsStoredAsAnUpdateAndAcknowledged() {
        Message response = answer("r1", "response", "default/configmap/app",
                Json.createObjectBuilder().add("data", Json.createObjectBuilder()
                        .add("mode", "edge")).build());
        underTest.handle(MessageCodec.create().encodeToString(response));
        underTest.handle(MessageCodec.create().encodeToString(response));

        assertEquals(1, stored.size(), "stored once");
        assertEquals("update", stored.get(0).route().operation());
        assertEquals("default/configmap/app", stored.get(0).route().resource());
        assertEquals(2, sent.size(), "each copy acked, so CloudHub stops resending");
        assertEquals("r1", sent.get(0).header().parentId());
    }

    @Test
    void refusedQueryIsPassedOnAndAcknowledged() {
        underTest.handle(MessageCodec.create().encodeToString(answer("e1", "error", "default/secret/db",
                Message.textContent("secret \"db\" not found"))));
        assertEquals(0, stored.size());
        assertEquals(List.of(new CloudQueryRefusedEvent("default/secret/db", "secret \"db\" not found")), fired);
        assertEquals("e1", sent.get(0).header().parentId());
    }

    @Test
    void cloudhubsOwnErrorRepliesAreOnlyLogged() {
        underTest.handle(MessageCodec.create().encodeToString(answer("e2", "error", "error",
                Message.textContent("rate limit exceeded"))));
        assertEquals(0, stored.size());
        assertEquals(0, sent.size());
    }

    @Test
    void kubeEdgeStatusErrorAnswerToAQueryIsARefusalNotAnObject() {
        JsonValue notFound = Json.createObjectBuilder().add("ErrStatus", Json.createObjectBuilder()
                .add("kind", "Status").add("status", "Failure").add("reason", "NotFound").add("code", 404)
                .add("message", "configmaps \"app\" not found")).build();
        underTest.handle(MessageCodec.create().encodeToString(answer("e3", "response", "default/configmap/app",
                notFound)));
        assertEquals(0, stored.size(), "an error must not be stored as the configmap");
        assertEquals(List.of(new CloudQueryRefusedEvent("default/configmap/app", "configmaps \"app\" not found")),
                fired);
        assertEquals(1, sent.size(), "acknowledged, as KubeEdge's cloud keeps such answers until acked");
    }

    @Test
    void answersToOwnRequestsGoToTheAskerAndObjectAnswersAreAcknowledged() {
        Message nodeAnswer = answer("e4", "response", "default/node/n1", Json.createObjectBuilder()
                .add("Object", Json.createObjectBuilder().add("metadata", Json.createObjectBuilder()
                        .add("uid", "u-1"))).addNull("Err").build());
        underTest.handle(MessageCodec.create().encodeToString(nodeAnswer));
        underTest.handle(MessageCodec.create().encodeToString(answer("e5", "response", "twin",
                Message.textContent("OK"))));
        assertEquals(2, fired.size());
        assertEquals("e4", ((CloudReplyEvent) fired.get(0)).reply().header().id());
        assertEquals(1, sent.size(), "only the answer carrying an object is acknowledged");
        assertEquals("e4", sent.get(0).header().parentId());
        assertEquals(0, stored.size());
    }

    private static Message answer(String id, String operation, String resource, JsonValue content) {
        Message m = Message.newRequest("edgecontroller", "resource", operation, resource, content);
        return m.withHeader(m.header().withId(id).withParentId("q1"));
    }

    @Test
    void aDeviceObjectIsStoredByMetaManagerWhichTellsDeviceTwinAndIsAcknowledged() {
        // KubeEdge v1.22's DeviceController sends the v1beta1 Device in group resource; MetaManager keeps it and
        // fires the StoredObjectEvent DeviceTwin's DeviceObjectSync observes.
        for (String operation : List.of("insert", "update", "delete")) {
            Message device = Message.newRequest("devicecontroller", "resource", operation, "default/device/sensor",
                    Json.createObjectBuilder().add("kind", "Device").build());
            underTest.handle(MessageCodec.create().encodeToString(device));
            assertEquals(device.header().id(), sent.get(sent.size() - 1).header().parentId());
        }
        assertEquals(List.of("insert", "update", "delete"), stored.stream().map(m -> m.route().operation()).toList());
        assertEquals(List.of(), toDeviceTwin, "not DeviceTwin's twin group");
    }

    @Test
    void membershipAndDesiredTwinsGoToDeviceTwinAndAreAcknowledged() {
        Message membership = Message.newRequest("devicecontroller", "twin", "update", "membership",
                Json.createObjectBuilder().build());
        underTest.handle(MessageCodec.create().encodeToString(membership));
        assertEquals(List.of(membership.header().id()), toDeviceTwin.stream().map(m -> m.header().id()).toList());
        assertEquals(List.of(), stored);
        assertEquals(membership.header().id(), sent.get(0).header().parentId());
    }

    @SuppressWarnings("unchecked")
    private <T> Event<T> recordingEvent() {
        return (Event<T>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Event.class}, (p, m, args) -> {
                    if (m.getName().equals("fire")) {
                        fired.add(args[0]);
                    }
                    return null;
                });
    }

    private static Message pod(String id) {
        return Message.newRequest("edgecontroller", "resource", "insert", "default/pod/p", Message.textContent("x"))
                .withHeader(Message.newRequest("a", "b", "insert", "r", null).header().withId(id));
    }
}
