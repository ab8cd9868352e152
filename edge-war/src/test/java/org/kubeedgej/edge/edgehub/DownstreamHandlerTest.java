package org.kubeedgej.edge.edgehub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kubeedgej.edge.metamanager.MetaManager;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageCodec;

final class DownstreamHandlerTest {

    private final List<Message> stored = new ArrayList<>();
    private final List<Message> sent = new ArrayList<>();
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

    private static Message pod(String id) {
        return Message.newRequest("edgecontroller", "resource", "insert", "default/pod/p", Message.textContent("x"))
                .withHeader(Message.newRequest("a", "b", "insert", "r", null).header().withId(id));
    }
}
