package org.kubeedgej.devapiserver;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Marks a CRD Established with its names accepted, as a real server's controllers do within a moment; tools
 * (kubectl wait, operators) wait for that condition before they use the new kind.
 */
final class CrdStatus {
    private CrdStatus() {
    }

    static void markEstablished(ObjectNode crd) {
        JsonNode names = crd.path("spec").path("names");
        if (!names.isObject()) {
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode status = crd.putObject("status");
        ArrayNode conditions = status.putArray("conditions");
        condition(conditions, "NamesAccepted", "NoConflicts", "no conflicts found", now);
        condition(conditions, "Established", "InitialNamesAccepted", "the initial names have been accepted", now);
        ObjectNode accepted = (ObjectNode) names.deepCopy();
        String kind = names.path("kind").asString("");
        if (!accepted.has("singular")) {
            accepted.put("singular", kind.toLowerCase());
        }
        if (!accepted.has("listKind")) {
            accepted.put("listKind", kind + "List");
        }
        status.set("acceptedNames", accepted);
        ArrayNode stored = status.putArray("storedVersions");
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("storage").asBoolean(false)) {
                stored.add(version.path("name").asString());
            }
        }
    }

    private static void condition(ArrayNode conditions, String type, String reason, String message, String now) {
        ObjectNode condition = conditions.addObject();
        condition.put("type", type);
        condition.put("status", "True");
        condition.put("lastTransitionTime", now);
        condition.put("reason", reason);
        condition.put("message", message);
    }
}
