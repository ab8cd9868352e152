package org.kubeedgej.edge.servicebus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.shared.model.Message;

@Timeout(20)
final class ServiceBusRequestHandlerTest {

    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private HttpServer service;
    private int port;
    private ServiceBusRequestHandler underTest;

    @BeforeEach
    void setUp() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        service.createContext("/api/v1/temp", e -> {
            byte[] bytes = (e.getRequestMethod() + " " + new String(e.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            e.sendResponseHeaders(201, bytes.length);
            try (OutputStream out = e.getResponseBody()) {
                out.write(bytes);
            }
        });
        service.start();
        port = service.getAddress().getPort();
        underTest = new ServiceBusRequestHandler();
        underTest.allowList = new TargetUrlAllowList();
        underTest.caller = new LocalServiceCaller(Duration.ofSeconds(2), 1000);
        underTest.edgeHub = new EdgeHubClient() {
            @Override
            public void send(Message message) {
                sent.add(message);
            }
        };
    }

    @AfterEach
    void tearDown() {
        service.stop(0);
    }

    @Test
    void handlesPortPathResourcesAndRuleChangesOnly() {
        assertTrue(underTest.handles(request("8080:/api/v1/temp", JsonValue.NULL)));
        assertTrue(underTest.handles(request("99999:/x", JsonValue.NULL)), "a bad port is answered with 400");
        assertTrue(underTest.handles(Message.newRequest("router_servicebus", "user", "start", "http://a/b",
                JsonValue.NULL)));
        assertFalse(underTest.handles(request("default/pod/nginx", JsonValue.NULL)));
        assertFalse(underTest.handles(request("8080:api", JsonValue.NULL)));
        assertFalse(underTest.handles(request("8080:/x", JsonValue.NULL).newResponse(JsonValue.NULL)));
        assertFalse(underTest.handles(Message.newRequest("edgecontroller", "user", "start", "http://a/b",
                JsonValue.NULL)));
    }

    @Test
    void answerGoesToTheCloudAsResponseToTheRequest() {
        ServiceBusMessages.Request content = new ServiceBusMessages.Request("PUT", Map.of(),
                "21.5".getBytes(StandardCharsets.UTF_8), "");
        Message request = request(port + ":/api/v1/temp", content.toJson());
        underTest.process(request);
        assertEquals(1, sent.size());
        Message response = sent.get(0);
        assertEquals(request.header().id(), response.header().parentId());
        assertEquals("servicebus", response.route().source());
        assertEquals("user", response.route().group());
        assertEquals("response", response.route().operation());
        assertEquals(request.route().resource(), response.route().resource());
        ServiceBusMessages.Response answer = ServiceBusMessages.Response.fromJson(response.content().asJsonObject());
        assertEquals(201, answer.statusCode());
        assertEquals("PUT 21.5", answer.bodyText());
    }

    @Test
    void methodFallsBackToTheOperationThenGet() {
        underTest.process(Message.newRequest("router_servicebus", "user", "POST", port + ":/api/v1/temp",
                Json.createObjectBuilder().build()));
        underTest.process(Message.newRequest("router_servicebus", "user", "upload", port + ":/api/v1/temp",
                Json.createObjectBuilder().build()));
        assertEquals("POST ", answer(0).bodyText());
        assertEquals("GET ", answer(1).bodyText());
    }

    @Test
    void unreadableContentAndBadResourceAre400() {
        underTest.process(request(port + ":/api/v1/temp", Json.createValue("not json")));
        underTest.process(request("99999:/x", Json.createObjectBuilder().build()));
        assertEquals(400, answer(0).statusCode());
        assertTrue(answer(0).bodyText().startsWith("error to parse http request"), answer(0).bodyText());
        assertEquals(400, answer(1).statusCode());
    }

    @Test
    void ruleStartAndStopChangeTheAllowList() {
        underTest.process(Message.newRequest("router_servicebus", "user", "start", "http://cloud/x", JsonValue.NULL));
        assertTrue(underTest.allowList.allows("http://cloud/x"));
        underTest.process(Message.newRequest("router_servicebus", "user", "stop", "http://cloud/x", JsonValue.NULL));
        assertFalse(underTest.allowList.allows("http://cloud/x"));
        assertTrue(sent.isEmpty(), "rule changes are not answered");
    }

    private ServiceBusMessages.Response answer(int i) {
        return ServiceBusMessages.Response.fromJson(sent.get(i).content().asJsonObject());
    }

    private static Message request(String resource, JsonValue content) {
        return Message.newRequest("router_servicebus", "user", "PUT", resource, content);
    }
}
