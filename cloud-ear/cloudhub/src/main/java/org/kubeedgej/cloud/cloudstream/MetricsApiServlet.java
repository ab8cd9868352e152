package org.kubeedgej.cloud.cloudstream;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.kubeedgej.cloud.edgecontroller.EdgeLiveObjects;

/**
 * The {@code metrics.k8s.io/v1beta1} API (what {@code kubectl top} reads, and metrics-server serves elsewhere),
 * built from the edges' kubelet Summaries ({@link NodeSummaries}) on the stream port, for the API server to
 * aggregate (an APIService pointing at CloudCore). NodeMetrics for every node with an open tunnel; PodMetrics for
 * their running pods. CPU is in nanocores, memory (working set) in KiB, as metrics-server writes them.
 */
@WebServlet(MetricsApiServlet.PATH + "*")
public class MetricsApiServlet extends HttpServlet {

    static final String PATH = "/apis/metrics.k8s.io/";
    private static final long serialVersionUID = 1L;
    private static final String GROUP_VERSION = "metrics.k8s.io/v1beta1";

    @Inject
    transient NodeSummaries summaries;

    @Inject
    transient StreamTunnels tunnels;

    @Inject
    transient EdgeLiveObjects cluster;

    @Resource
    transient ManagedExecutorService executor;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> parts = List.of(request.getRequestURI().substring(PATH.length()).split("/")).stream()
                .filter(p -> !p.isEmpty()).toList();
        if (parts.isEmpty()) {
            send(response, 200, Json.createObjectBuilder().add("kind", "APIGroup").add("apiVersion", "v1")
                    .add("name", "metrics.k8s.io").add("versions", Json.createArrayBuilder().add(version()))
                    .add("preferredVersion", version()).build());
            return;
        }
        if (!parts.get(0).equals("v1beta1")) {
            notFound(response, "metrics.k8s.io serves v1beta1");
            return;
        }
        List<String> rest = parts.subList(1, parts.size());
        if (rest.isEmpty()) {
            send(response, 200, resourceList());
        } else if (rest.get(0).equals("nodes") && rest.size() <= 2) {
            nodes(response, rest.size() == 2 ? rest.get(1) : null);
        } else if (rest.get(0).equals("pods") && rest.size() == 1) {
            pods(response, null, null);
        } else if (rest.get(0).equals("namespaces") && rest.size() >= 3 && rest.size() <= 4
                && rest.get(2).equals("pods")) {
            pods(response, rest.get(1), rest.size() == 4 ? rest.get(3) : null);
        } else {
            notFound(response, "the server could not find the requested resource");
        }
    }

    private void nodes(HttpServletResponse response, String name) throws IOException {
        List<String> nodes = name == null ? tunnels.nodes() : List.of(name);
        Map<String, JsonObject> found = fetch(nodes);
        if (name != null) {
            JsonObject summary = found.get(name);
            if (summary == null) {
                notFound(response, "nodemetrics.metrics.k8s.io \"" + name + "\" not found");
            } else {
                send(response, 200, nodeMetrics(name, summary).build());
            }
            return;
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        found.forEach((node, summary) -> items.add(nodeMetrics(node, summary)));
        send(response, 200, list("NodeMetricsList", items));
    }

    private void pods(HttpServletResponse response, String namespace, String name) throws IOException {
        List<String> nodes = tunnels.nodes();
        if (name != null) {
            Optional<String> node = cluster.nodeOfPod(namespace, name);
            nodes = node.filter(n -> tunnels.nodes().contains(n)).map(List::of).orElse(List.of());
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        JsonObjectBuilder single = null;
        for (JsonObject summary : fetch(nodes).values()) {
            for (JsonValue value : summary.getJsonArray("pods") == null ? List.<JsonValue>of()
                    : summary.getJsonArray("pods")) {
                JsonObject pod = value.asJsonObject();
                JsonObject ref = pod.getJsonObject("podRef");
                if ((namespace == null || namespace.equals(ref.getString("namespace", "")))
                        && (name == null || name.equals(ref.getString("name", "")))) {
                    JsonObjectBuilder metrics = podMetrics(pod, summary);
                    if (name != null) {
                        single = metrics;
                    } else {
                        items.add(metrics);
                    }
                }
            }
        }
        if (name == null) {
            send(response, 200, list("PodMetricsList", items));
        } else if (single == null) {
            notFound(response, "podmetrics.metrics.k8s.io \"" + namespace + "/" + name + "\" not found");
        } else {
            send(response, 200, single.build());
        }
    }

    /** Every node at once: a slow edge costs its own wait, not the sum. */
    private Map<String, JsonObject> fetch(List<String> nodes) {
        Map<String, CompletableFuture<Optional<JsonObject>>> asked = new LinkedHashMap<>();
        for (String node : nodes) {
            asked.put(node, CompletableFuture.supplyAsync(() -> summaries.of(node), executor));
        }
        Map<String, JsonObject> found = new LinkedHashMap<>();
        asked.forEach((node, answer) -> answer.join().ifPresent(s -> found.put(node, s)));
        return found;
    }

    private static JsonObjectBuilder nodeMetrics(String node, JsonObject summary) {
        JsonObject usage = summary.getJsonObject("node");
        return Json.createObjectBuilder().add("kind", "NodeMetrics").add("apiVersion", GROUP_VERSION)
                .add("metadata", Json.createObjectBuilder().add("name", node).add("labels", Json.createObjectBuilder()))
                .add("timestamp", time(usage)).add("window", "1s").add("usage", usage(usage));
    }

    private static JsonObjectBuilder podMetrics(JsonObject pod, JsonObject summary) {
        JsonObject ref = pod.getJsonObject("podRef");
        JsonArrayBuilder containers = Json.createArrayBuilder();
        List<JsonValue> list = pod.getJsonArray("containers") == null ? new ArrayList<>()
                : pod.getJsonArray("containers");
        for (JsonValue value : list) {
            JsonObject container = value.asJsonObject();
            containers.add(Json.createObjectBuilder().add("name", container.getString("name", ""))
                    .add("usage", usage(container)));
        }
        return Json.createObjectBuilder().add("kind", "PodMetrics").add("apiVersion", GROUP_VERSION)
                .add("metadata", Json.createObjectBuilder().add("name", ref.getString("name", ""))
                        .add("namespace", ref.getString("namespace", "")).add("labels", Json.createObjectBuilder()))
                .add("timestamp", time(pod)).add("window", "1s").add("containers", containers);
    }

    private static String time(JsonObject usage) {
        JsonObject cpu = usage.getJsonObject("cpu");
        return cpu == null ? java.time.Instant.now().toString() : cpu.getString("time", java.time.Instant.now()
                .toString());
    }

    private static JsonObjectBuilder usage(JsonObject usage) {
        JsonObject cpu = usage.getJsonObject("cpu");
        JsonObject memory = usage.getJsonObject("memory");
        long nanoCores = cpu == null || !cpu.containsKey("usageNanoCores") ? 0
                : cpu.getJsonNumber("usageNanoCores").longValue();
        long workingSet = memory == null || !memory.containsKey("workingSetBytes") ? 0
                : memory.getJsonNumber("workingSetBytes").longValue();
        return Json.createObjectBuilder().add("cpu", nanoCores + "n").add("memory", (workingSet / 1024) + "Ki");
    }

    private static JsonObject list(String kind, JsonArrayBuilder items) {
        return Json.createObjectBuilder().add("kind", kind).add("apiVersion", GROUP_VERSION)
                .add("metadata", Json.createObjectBuilder()).add("items", items).build();
    }

    private static JsonObject version() {
        return Json.createObjectBuilder().add("groupVersion", GROUP_VERSION).add("version", "v1beta1").build();
    }

    private static JsonObject resourceList() {
        return Json.createObjectBuilder().add("kind", "APIResourceList").add("apiVersion", "v1")
                .add("groupVersion", GROUP_VERSION)
                .add("resources", Json.createArrayBuilder()
                        .add(resource("nodes", false, "NodeMetrics"))
                        .add(resource("pods", true, "PodMetrics")))
                .build();
    }

    private static JsonObjectBuilder resource(String name, boolean namespaced, String kind) {
        return Json.createObjectBuilder().add("name", name).add("singularName", "").add("namespaced", namespaced)
                .add("kind", kind).add("verbs", Json.createArrayBuilder().add("get").add("list"));
    }

    private static void notFound(HttpServletResponse response, String message) throws IOException {
        send(response, 404, Json.createObjectBuilder().add("kind", "Status").add("apiVersion", "v1")
                .add("metadata", Json.createObjectBuilder()).add("status", "Failure").add("message", message)
                .add("reason", "NotFound").add("code", 404).build());
    }

    private static void send(HttpServletResponse response, int code, JsonObject body) throws IOException {
        response.setStatus(code);
        response.setContentType("application/json");
        response.getOutputStream().write(body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
