package it.org.kubeedgej.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.UUID;

/**
 * Frames as KubeEdge v1.22's edgecore writes them (beehive messages; kubelet requests have source {@code edged} and
 * group {@code meta}; DeviceTwin's have source {@code twin}), observed from the real edgecore and read from its source.
 */
public final class KubeEdgeFrames {

    private KubeEdgeFrames() {
        throw new AssertionError();
    }

    /**
     * @param source the module (edged, twin, websocket)
     * @param group the group (meta, resource)
     * @param operation the operation
     * @param resource the resource, edge form
     * @param content the content
     * @return the frame
     */
    public static JsonObject frame(String source, String group, String operation, String resource, JsonValue content) {
        return Json.createObjectBuilder()
                .add("header", Json.createObjectBuilder().add("msg_id", UUID.randomUUID().toString())
                        .add("timestamp", System.currentTimeMillis()))
                .add("route", Json.createObjectBuilder().add("source", source).add("group", group)
                        .add("operation", operation).add("resource", resource))
                .add("content", content == null ? JsonValue.NULL : content)
                .build();
    }

    /** @return a kubelet request (source edged, group meta) */
    public static JsonObject kubelet(String operation, String resource, JsonValue content) {
        return frame("edged", "meta", operation, resource, content);
    }

    /** @return the keepalive EdgeHub sends every 15 s */
    public static JsonObject keepalive() {
        return frame("websocket", "resource", "keepalive", "node", Json.createValue("ping"));
    }

    /** @return MetaManager's ack of a cloud message, as KubeEdge builds it (source and group copied) */
    public static JsonObject ackOf(JsonObject message) {
        JsonObject route = message.getJsonObject("route");
        JsonObject frame = frame(route.getString("source"), route.getString("group"), "response",
                route.getString("resource"), Json.createValue("OK"));
        return Json.createObjectBuilder(frame).add("header", Json.createObjectBuilder(frame.getJsonObject("header"))
                .add("parent_msg_id", message.getJsonObject("header").getString("msg_id"))).build();
    }

    /** @return the Node the kubelet registers (labels from KubeEdge's kubelet initialNode) */
    public static JsonObject node(String name) {
        JsonObjectBuilder labels = Json.createObjectBuilder().add("kubernetes.io/hostname", name)
                .add("kubernetes.io/os", "linux").add("kubernetes.io/arch", "amd64").add("beta.kubernetes.io/os", "linux")
                .add("beta.kubernetes.io/arch", "amd64").add("node-role.kubernetes.io/edge", "")
                .add("node-role.kubernetes.io/agent", "");
        return Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("name", name).addNull("creationTimestamp")
                        .add("labels", labels))
                .add("spec", JsonValue.EMPTY_JSON_OBJECT)
                .add("status", Json.createObjectBuilder()
                        .add("capacity", Json.createObjectBuilder().add("cpu", "2").add("memory", "4030384Ki")
                                .add("pods", "110"))
                        .add("conditions", Json.createArrayBuilder().add(readyCondition("2026-12-07T01:00:00Z")))
                        .add("daemonEndpoints", Json.createObjectBuilder().add("kubeletEndpoint",
                                Json.createObjectBuilder().add("Port", 10350)))
                        .add("nodeInfo", Json.createObjectBuilder().add("machineID", "4b1d").add("systemUUID", "4b1d")
                                .add("bootID", "b007").add("kernelVersion", "6.1.0-28-amd64")
                                .add("osImage", "Debian GNU/Linux 12 (bookworm)")
                                .add("containerRuntimeVersion", "containerd://1.6.20")
                                .add("kubeletVersion", "v1.31.12-kubeedge-v1.22.2").add("kubeProxyVersion", "")
                                .add("operatingSystem", "linux").add("architecture", "amd64")))
                .build();
    }

    /** @return a Ready condition heartbeating at the given time */
    public static JsonObject readyCondition(String heartbeat) {
        return Json.createObjectBuilder().add("type", "Ready").add("status", "True").add("reason", "KubeletReady")
                .add("message", "kubelet is posting ready status").add("lastHeartbeatTime", heartbeat)
                .add("lastTransitionTime", "2026-12-07T01:00:00Z").build();
    }
}
