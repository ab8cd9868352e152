package org.kubeedgej.edge.eventbus;

import java.util.List;
import java.util.Optional;

/**
 * KubeEdge's MQTT topic scheme ({@code edge/pkg/devicetwin/dtcommon/common.go}). Devices are named in one segment
 * (KubeEdge up to v1.16: {@code $hw/events/device/<id>/...}) or two ({@code <namespace>/<name>}, v1.17 on); both
 * are subscribed and understood.
 */
public final class MqttTopics {

    public static final String DEVICE_PREFIX = "$hw/events/device/";
    public static final String NODE_PREFIX = "$hw/events/node/";
    public static final String UPLOAD_PREFIX = "$hw/events/upload/";
    public static final String UPLOAD_RECORDS = "SYS/dis/upload_records";

    public static final String TWIN_UPDATE = "twin/update";
    public static final String TWIN_GET = "twin/get";
    public static final String STATE_UPDATE = "state/update";
    public static final String MEMBERSHIP_GET = "membership/get";

    /** What EventBus subscribes to, as KubeEdge's eventbus does (plus the two-segment device forms). */
    public static final List<String> SUBSCRIPTIONS = List.of(
            UPLOAD_PREFIX + "#",
            DEVICE_PREFIX + "+/twin/+",
            DEVICE_PREFIX + "+/+/twin/+",
            DEVICE_PREFIX + "+/state/update",
            DEVICE_PREFIX + "+/+/state/update",
            NODE_PREFIX + "+/membership/get",
            UPLOAD_RECORDS);

    private MqttTopics() {
        throw new AssertionError();
    }

    /**
     * A topic about one device.
     *
     * @param deviceId the device as the topic names it: {@code <namespace>/<name>} or a single id
     * @param action what is asked, e.g. {@value #TWIN_UPDATE}
     */
    public record DeviceTopic(String deviceId, String action) {

        /** @return the topic of the answer to this action, e.g. {@code .../twin/update/result} */
        public String reply(String suffix) {
            return DEVICE_PREFIX + deviceId + "/" + action + "/" + suffix;
        }
    }

    /**
     * @param topic an MQTT topic
     * @return the device and action, when the topic is a device request (twin/update, twin/get, state/update)
     */
    public static Optional<DeviceTopic> parseDevice(String topic) {
        if (!topic.startsWith(DEVICE_PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(DEVICE_PREFIX.length());
        for (String action : List.of(TWIN_UPDATE, TWIN_GET, STATE_UPDATE)) {
            String tail = "/" + action;
            if (rest.endsWith(tail)) {
                String id = rest.substring(0, rest.length() - tail.length());
                long slashes = id.chars().filter(c -> c == '/').count();
                if (!id.isEmpty() && slashes <= 1 && !id.startsWith("/") && !id.endsWith("/")) {
                    return Optional.of(new DeviceTopic(id, action));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param topic an MQTT topic
     * @return the node name, when the topic is {@code $hw/events/node/<node>/membership/get}
     */
    public static Optional<String> parseMembershipGet(String topic) {
        String tail = "/" + MEMBERSHIP_GET;
        if (topic.startsWith(NODE_PREFIX) && topic.endsWith(tail)) {
            String node = topic.substring(NODE_PREFIX.length(), topic.length() - tail.length());
            return node.isEmpty() || node.contains("/") ? Optional.empty() : Optional.of(node);
        }
        return Optional.empty();
    }

    /** @return whether the topic carries data for the cloud as KubeEdge's "upload" */
    /**
     * @param topic an MQTT topic
     * @return whether it is a device or node request (twin/update, twin/get, state/update, membership/get): a command
     *     to act on once, never state to replay
     */
    public static boolean isRequest(String topic) {
        return topic.startsWith(DEVICE_PREFIX) && (topic.endsWith("/" + TWIN_UPDATE) || topic.endsWith("/" + TWIN_GET)
                || topic.endsWith("/" + STATE_UPDATE))
                || topic.startsWith(NODE_PREFIX) && topic.endsWith("/" + MEMBERSHIP_GET);
    }

    /**
     * @param topic an MQTT topic
     * @return whether it is an upload for the cloud
     */
    public static boolean isUpload(String topic) {
        return topic.startsWith(UPLOAD_PREFIX) || UPLOAD_RECORDS.equals(topic);
    }

    /**
     * @param node the node name
     * @param suffix e.g. {@code membership/get/result} or {@code membership/updated}
     * @return the node topic
     */
    public static String node(String node, String suffix) {
        return NODE_PREFIX + node + "/" + suffix;
    }

    /**
     * @param deviceId {@code <namespace>/<name>} or a single id
     * @param suffix e.g. {@code twin/update/delta}
     * @return the device topic
     */
    public static String device(String deviceId, String suffix) {
        return DEVICE_PREFIX + deviceId + "/" + suffix;
    }
}
