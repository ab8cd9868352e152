package org.kubeedgej.edge.edged;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * The messages KubeEdge's edged sends for Events (its metaclient's events, which MetaManager passes straight to the
 * cloud): {@code insert <ns>/event/<name>} with the core/v1 Event as client-go's recorder made it, and for a repeat
 * {@code patch <ns>/event/<name>} with KubeEdge's EventPatchInfo {@code {"event": <Event>, "patchData": "<strategic
 * merge patch>"}}, the patch being what client-go's recorder sends: the new count, lastTimestamp and message.
 */
final class EventPayloads {

    /** The kubelet's source component; KubeEdge's edged records as the kubelet it embeds. */
    static final String COMPONENT = "kubelet";

    private EventPayloads() {
        throw new AssertionError();
    }

    /** @return the message to send upstream for this Event, from the edged module as KubeEdge's */
    static Message message(CorrelatedEvent e, String host) {
        JsonObject event = event(e, host);
        String resource = e.event().object().eventNamespace() + "/" + ResourceTypes.EVENT + "/" + e.name();
        if (!e.repeat()) {
            return Message.newRequest(Groups.EDGED, Groups.META, Operations.INSERT, resource, event);
        }
        JsonObject info = Json.createObjectBuilder().add("event", event).add("patchData", patch(e).toString())
                .build();
        return Message.newRequest(Groups.EDGED, Groups.META, Operations.PATCH, resource, info);
    }

    /** @return the core/v1 Event, with Go's field names (reportingController is "reportingComponent" in JSON) */
    static JsonObject event(CorrelatedEvent e, String host) {
        EventReference o = e.event().object();
        JsonObjectBuilder involved = Json.createObjectBuilder().add("kind", o.kind());
        optional(involved, "namespace", o.namespace());
        involved.add("name", o.name()).add("uid", o.uid());
        optional(involved, "apiVersion", o.apiVersion());
        optional(involved, "fieldPath", o.fieldPath());
        return Json.createObjectBuilder()
                .add("metadata", Json.createObjectBuilder().add("name", e.name()).add("namespace", o.eventNamespace())
                        .addNull("creationTimestamp"))
                .add("involvedObject", involved)
                .add("reason", e.event().reason())
                .add("message", e.event().message())
                .add("source", Json.createObjectBuilder().add("component", COMPONENT).add("host", host))
                .add("firstTimestamp", time(e.firstTimestamp()))
                .add("lastTimestamp", time(e.lastTimestamp()))
                .add("count", e.count())
                .add("type", e.event().type())
                .addNull("eventTime")
                .add("reportingComponent", COMPONENT)
                .add("reportingInstance", host)
                .build();
    }

    /** @return client-go's patch of a repeated Event */
    static JsonObject patch(CorrelatedEvent e) {
        return Json.createObjectBuilder().add("count", e.count()).add("lastTimestamp", time(e.lastTimestamp()))
                .add("message", e.event().message()).build();
    }

    /** metav1.Time: RFC 3339 in whole seconds, UTC. */
    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void optional(JsonObjectBuilder b, String field, String value) {
        if (value != null && !value.isEmpty()) {
            b.add(field, value);
        }
    }
}
