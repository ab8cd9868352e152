package it.org.kubeedgej.support;

import it.org.kubeedgej.support.DeviceEventRecorder.Delivery;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges what the durable subscriber got for one device, as docs/device-events.md promises it: after dropping
 * deliveries of an event id already seen (the subscriber's own deduplication; redelivery of an unacknowledged
 * message is allowed), each change is one event: one id per reported value and one membership-added; the final
 * value's event is there. Values only go up in this test, so an event for a value never reported, or two ids for
 * one value, is a change published twice or invented.
 */
public final class DeviceEventVerdict {

    private final List<String> violations = new ArrayList<>();
    private final Map<String, Delivery> byId = new LinkedHashMap<>();
    private int redeliveries;

    public DeviceEventVerdict(List<Delivery> deliveries, String device, long finalValue) {
        for (Delivery d : deliveries) {
            if (!device.equals(d.device())) {
                continue;
            }
            if (d.eventId() == null) {
                violations.add("an event without eventId: " + d.body());
            } else if (byId.putIfAbsent(d.eventId(), d) != null) {
                redeliveries++;
            }
        }
        Map<String, Set<String>> idsByChange = new LinkedHashMap<>();
        for (Delivery d : byId.values()) {
            String change = "twin-reported".equals(d.type()) ? "twin-reported " + d.value()
                    : "state-changed".equals(d.type()) ? "state-changed " + state(d) : d.type();
            idsByChange.computeIfAbsent(change, c -> new LinkedHashSet<>()).add(d.eventId());
            if ("twin-reported".equals(d.type()) && (d.value() == null || Long.parseLong(d.value()) > finalValue)) {
                violations.add("an event for a value the mapper never reported: " + d.body());
            }
        }
        idsByChange.forEach((change, ids) -> {
            if (ids.size() > 1) {
                List<String> bodies = ids.stream().map(id -> byId.get(id).body()).toList();
                violations.add(change + " was published " + ids.size() + " times under different ids: " + bodies);
            }
        });
        if (!idsByChange.containsKey("twin-reported " + finalValue)) {
            violations.add("no twin-reported event for the final value " + finalValue + "; got "
                    + idsByChange.keySet());
        }
    }

    private static String state(Delivery d) {
        JsonObject data = Http.json(d.body()).getJsonObject("data");
        return data == null ? null : data.getString("state", null);
    }

    /** @return what breaks the promise, empty when it holds */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** @return distinct events */
    public int distinct() {
        return byId.size();
    }

    /** @return deliveries of an id already delivered (allowed: at-least-once) */
    public int redeliveries() {
        return redeliveries;
    }

    /** @return the twin values in the order their first delivery arrived */
    public List<String> valuesInOrder() {
        return byId.values().stream().filter(d -> "twin-reported".equals(d.type())).map(Delivery::value).toList();
    }
}
