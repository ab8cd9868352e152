package org.kubeedgej.edge.edged;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A pod's Kubernetes PodStatus from the states of its containers and what their probes say ({@link ContainerHealth}):
 * phase, the four conditions (Ready and ContainersReady once every container is ready), containerStatuses with
 * ready, started and lastState, and addresses. Pure, so the rules are tested without Docker.
 */
final class PodStatusBuilder {

    static final String LOOPBACK = "127.0.0.1";

    private PodStatusBuilder() {
        throw new AssertionError();
    }

    /**
     * The phase as the kubelet derives it: Pending until every container has run, Running while any runs or will
     * be restarted, Succeeded/Failed once all terminated for good.
     */
    static String phase(String restartPolicy, List<ContainerState> states) {
        if (states.isEmpty()) {
            return "Pending";
        }
        int running = 0;
        int terminated = 0;
        int failed = 0;
        for (ContainerState s : states) {
            if (s.running()) {
                running++;
            } else if (s.terminated()) {
                terminated++;
                failed += s.exitCode() != 0 ? 1 : 0;
            } else if (s.restartCount() == 0 && s.startedAt() == null) {
                return "Pending"; // never ran yet: pulling, creating or image missing
            } else {
                running++; // ran and waits to be restarted (back-off): the pod is still running
            }
        }
        if (running > 0) {
            return "Running";
        }
        // All terminated.
        return switch (restartPolicy) {
            case "Never" -> failed > 0 ? "Failed" : "Succeeded";
            case "OnFailure" -> failed > 0 ? "Running" : "Succeeded";
            default -> "Running";
        };
    }

    /**
     * @param pod the pod
     * @param states one state per spec container, in spec order
     * @param previous the status sent before (for stable transition times and startTime), or null
     * @param now RFC 3339 time to use for new transitions
     */
    static JsonObject status(PodDefinition pod, List<ContainerState> states, JsonObject previous, String now) {
        return status(pod, states, ContainerHealth.RUNNING_IS_READY, previous, now);
    }

    /**
     * @param health what the probes say of each container (ready, started)
     * @see #status(PodDefinition, List, JsonObject, String)
     */
    static JsonObject status(PodDefinition pod, List<ContainerState> states, ContainerHealth health,
            JsonObject previous, String now) {
        boolean ready = !states.isEmpty() && states.stream().allMatch(health::ready);
        String phase = phase(pod.restartPolicy(), states);
        JsonArrayBuilder containers = Json.createArrayBuilder();
        for (ContainerState s : states) {
            containers.add(containerStatus(s, health));
        }
        String startTime = previous != null && previous.containsKey("startTime") ? previous.getString("startTime") : now;
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("phase", phase)
                .add("conditions", Json.createArrayBuilder()
                        .add(condition("Initialized", true, previous, now))
                        .add(condition("Ready", ready, previous, now))
                        .add(condition("ContainersReady", ready, previous, now))
                        .add(condition("PodScheduled", true, previous, now)))
                .add("hostIP", LOOPBACK)
                .add("hostIPs", Json.createArrayBuilder().add(Json.createObjectBuilder().add("ip", LOOPBACK)))
                .add("startTime", startTime)
                .add("qosClass", "BestEffort")
                .add("containerStatuses", containers);
        if (pod.ref().hostNetwork()) {
            b.add("podIP", LOOPBACK).add("podIPs", Json.createArrayBuilder().add(Json.createObjectBuilder()
                    .add("ip", LOOPBACK)));
        }
        return b.build();
    }

    static JsonObject containerStatus(ContainerState s) {
        return containerStatus(s, ContainerHealth.RUNNING_IS_READY);
    }

    static JsonObject containerStatus(ContainerState s, ContainerHealth health) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("name", s.name())
                .add("image", s.image())
                .add("imageID", "")
                .add("ready", health.ready(s))
                .add("started", health.started(s))
                .add("restartCount", s.restartCount())
                .add("state", state(s))
                .add("lastState", s.lastState() == null ? JsonValue.EMPTY_JSON_OBJECT : state(s.lastState()));
        addIf(b, "containerID", s.containerId() == null ? null : "docker://" + s.containerId());
        return b.build();
    }

    /** @return {"running": ...}, {"terminated": ...} or {"waiting": ...} */
    private static JsonObject state(ContainerState s) {
        JsonObjectBuilder state = Json.createObjectBuilder();
        switch (s.phase()) {
            // Times are left out when unknown: "" is not a date to the API server.
            case RUNNING -> {
                JsonObjectBuilder r = Json.createObjectBuilder();
                addIf(r, "startedAt", s.startedAt());
                state.add("running", r);
            }
            case TERMINATED -> {
                JsonObjectBuilder t = Json.createObjectBuilder().add("exitCode", s.exitCode())
                        .add("reason", orEmpty(s.reason()));
                addIf(t, "startedAt", s.startedAt());
                addIf(t, "finishedAt", s.finishedAt());
                addIf(t, "message", s.message());
                addIf(t, "containerID", s.containerId() == null ? null : "docker://" + s.containerId());
                state.add("terminated", t);
            }
            case WAITING -> {
                JsonObjectBuilder w = Json.createObjectBuilder().add("reason", orEmpty(s.reason()));
                addIf(w, "message", s.message());
                state.add("waiting", w);
            }
        }
        return state.build();
    }

    private static JsonObject condition(String type, boolean status, JsonObject previous, String now) {
        String value = status ? "True" : "False";
        String since = now;
        if (previous != null && previous.containsKey("conditions")) {
            for (JsonValue v : previous.getJsonArray("conditions")) {
                JsonObject c = v.asJsonObject();
                if (type.equals(c.getString("type", "")) && value.equals(c.getString("status", ""))) {
                    since = c.getString("lastTransitionTime", now); // unchanged: keep when it last changed
                }
            }
        }
        return Json.createObjectBuilder().add("type", type).add("status", value)
                .add("lastProbeTime", JsonValue.NULL).add("lastTransitionTime", since).build();
    }

    private static void addIf(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
