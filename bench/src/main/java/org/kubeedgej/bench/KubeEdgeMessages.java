package org.kubeedgej.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.UUID;

/** The few KubeEdge messages the bench writes, and reading the fields it needs from what CloudHub sends. */
final class KubeEdgeMessages {

    /**
     * Looked up once: {@code Json.createReader} and {@code Json.createValue} look the provider up through the
     * ServiceLoader on every call, which scanned the class path for each message and took about half of the bench
     * JVM's samples at 2,000 msg/s, CPU taken from CloudCore on the same cores (docs/benchmarks.md).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private KubeEdgeMessages() {
    }

    /** @return an edge keepalive, as EdgeHub sends it */
    static String keepalive() {
        return "{\"header\":{\"msg_id\":\"" + UUID.randomUUID() + "\",\"timestamp\":" + System.currentTimeMillis()
                + "},\"route\":{\"source\":\"websocket\",\"group\":\"resource\",\"operation\":\"keepalive\","
                + "\"resource\":\"node\"},\"content\":\"ping\"}";
    }

    /**
     * @param parentId the message acknowledged
     * @param resource its resource
     * @return the edge's ack (operation response, content OK)
     */
    static String ack(String parentId, String resource) {
        return "{\"header\":{\"msg_id\":\"" + UUID.randomUUID() + "\",\"parent_msg_id\":\"" + parentId
                + "\",\"timestamp\":" + System.currentTimeMillis() + "},\"route\":{\"source\":\"edgehub\","
                + "\"group\":\"resource\",\"operation\":\"response\",\"resource\":" + quote(resource)
                + "},\"content\":\"OK\"}";
    }

    /**
     * A pod update as the edge controller queues it.
     *
     * @param msgId the message id
     * @param sentMillis header.timestamp: when it is sent
     * @param podName the pod (resource default/pod/&lt;name&gt;)
     * @param uid the pod's UID
     * @param resourceVersion this version of the pod
     * @param nodeId the node it is bound to
     * @return the message JSON
     */
    static String podUpdate(String msgId, long sentMillis, String podName, String uid, String resourceVersion,
            String nodeId) {
        return "{\"header\":{\"msg_id\":\"" + msgId + "\",\"parent_msg_id\":\"\",\"timestamp\":" + sentMillis
                + ",\"resourceversion\":\"" + resourceVersion + "\",\"sync\":false},\"route\":{\"source\":\"edgecontroller\","
                + "\"group\":\"resource\",\"operation\":\"update\",\"resource\":\"default/pod/" + podName + "\"},"
                + "\"content\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + podName
                + "\",\"namespace\":\"default\",\"uid\":\"" + uid + "\",\"resourceVersion\":\""
                + resourceVersion + "\"},"
                + "\"spec\":{\"nodeName\":\"" + nodeId + "\",\"containers\":[{\"name\":\"app\","
                + "\"image\":\"busybox:1.36\",\"command\":[\"sleep\",\"3600\"]}]},"
                + "\"status\":{\"phase\":\"Pending\"}}}";
    }

    private static String quote(String text) {
        return JSON.createValue(text).toString();
    }

    /**
     * The parts of a message from CloudHub the edge acts on.
     *
     * @param msgId header.msg_id
     * @param timestamp header.timestamp (ms)
     * @param operation route.operation
     * @param resource route.resource
     * @param content content when it is text, else ""
     */
    record Received(String msgId, long timestamp, String operation, String resource, String content) {

        static Received parse(String text) {
            JsonObject message = JSON.createReader(new StringReader(text)).readObject();
            JsonObject header = message.getJsonObject("header");
            JsonObject route = message.getJsonObject("route");
            JsonValue content = message.get("content");
            return new Received(header.getString("msg_id", ""),
                    header.containsKey("timestamp") ? header.getJsonNumber("timestamp").longValue() : 0L,
                    route.getString("operation", ""), route.getString("resource", ""),
                    content instanceof jakarta.json.JsonString s ? s.getString() : "");
        }

        /** @return whether this is something the edge must acknowledge (not an error, ack or keepalive) */
        boolean needsAck() {
            return !msgId.isEmpty() && !"response".equals(operation) && !"error".equals(operation)
                    && !"keepalive".equals(operation);
        }
    }
}
