package org.kubeedgej.devapiserver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: kubectl asks for {@code as=Table} and prints the cells as they come, so the columns a user
 * sees (pods, nodes with ROLES, NAME/AGE for the rest) are decided here.
 */
final class TableConverter {
    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

    private TableConverter() {
    }

    /** A Table of a list (rows = items) or of a single object (one row). */
    static ObjectNode toTable(String resource, JsonNode listOrObject) {
        ObjectNode table = Json.object();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        JsonNode listMeta = listOrObject.path("metadata");
        if (listOrObject.has("items") && listMeta.has("resourceVersion")) {
            metadata.put("resourceVersion", listMeta.path("resourceVersion").asString());
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        for (String column : columns(resource)) {
            ObjectNode definition = columns.addObject();
            definition.put("name", column);
            definition.put("type", column.equals("RESTARTS") ? "integer" : "string");
            definition.put("format", column.equals("NAME") ? "name" : "");
            definition.put("description", column);
            definition.put("priority", 0);
        }
        ArrayNode rows = table.putArray("rows");
        List<JsonNode> objects = new ArrayList<>();
        if (listOrObject.has("items")) {
            listOrObject.path("items").forEach(objects::add);
        } else {
            objects.add(listOrObject);
        }
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells(resource, object).forEach(cell -> {
                if (cell instanceof Integer number) {
                    cells.add(number);
                } else {
                    cells.add(String.valueOf(cell));
                }
            });
            row.set("object", object);
        }
        return table;
    }

    private static List<String> columns(String resource) {
        return switch (resource) {
            case "pods" -> List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE");
            case "nodes" -> List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION");
            default -> List.of("NAME", "AGE");
        };
    }

    private static List<Object> cells(String resource, JsonNode object) {
        String name = Json.text(object, "metadata.name");
        String age = age(Json.text(object, "metadata.creationTimestamp"));
        return switch (resource) {
            case "pods" -> List.of(name, ready(object), podStatus(object), restarts(object), age);
            case "nodes" -> List.of(name, nodeStatus(object), roles(object), age,
                    Json.text(object, "status.nodeInfo.kubeletVersion"));
            default -> List.of(name, age);
        };
    }

    private static String ready(JsonNode pod) {
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            ready += status.path("ready").asBoolean(false) ? 1 : 0;
        }
        return ready + "/" + total;
    }

    private static String podStatus(JsonNode pod) {
        if (pod.path("metadata").has("deletionTimestamp")) {
            return "Terminating";
        }
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            String waiting = Json.text(status, "state.waiting.reason");
            if (!waiting.isEmpty()) {
                return waiting;
            }
        }
        String reason = Json.text(pod, "status.reason");
        if (!reason.isEmpty()) {
            return reason;
        }
        String phase = Json.text(pod, "status.phase");
        return phase.isEmpty() ? "Pending" : phase;
    }

    private static int restarts(JsonNode pod) {
        int restarts = 0;
        for (JsonNode status : pod.path("status").path("containerStatuses")) {
            restarts += status.path("restartCount").asInt(0);
        }
        return restarts;
    }

    private static String nodeStatus(JsonNode node) {
        String status = "Unknown";
        for (JsonNode condition : node.path("status").path("conditions")) {
            if ("Ready".equals(condition.path("type").asString())) {
                status = "True".equals(condition.path("status").asString()) ? "Ready" : "NotReady";
            }
        }
        return node.path("spec").path("unschedulable").asBoolean(false) ? status + ",SchedulingDisabled" : status;
    }

    private static String roles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        for (String label : node.path("metadata").path("labels").propertyNames()) {
            if (label.startsWith(ROLE_PREFIX) && label.length() > ROLE_PREFIX.length()) {
                roles.add(label.substring(ROLE_PREFIX.length()));
            }
        }
        String legacyRole = node.path("metadata").path("labels").path("kubernetes.io/role").asString("");
        if (!legacyRole.isEmpty() && !roles.contains(legacyRole)) {
            roles.add(legacyRole);
        }
        roles.sort(null);
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    /** The age as kubectl words it (Kubernetes' HumanDuration): 45s, 3m20s, 5h, 12d... */
    static String age(String timestamp) {
        if (timestamp.isEmpty()) {
            return "<unknown>";
        }
        Duration duration = Duration.between(Instant.parse(timestamp), Instant.now());
        long seconds = duration.getSeconds();
        if (seconds < 0) {
            return "0s";
        }
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        if (seconds < 120) {
            return seconds + "s";
        } else if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        } else if (minutes < 180) {
            return minutes + "m";
        } else if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
        } else if (days < 365 * 2) {
            return days + "d";
        }
        return days / 365 + "y";
    }
}
