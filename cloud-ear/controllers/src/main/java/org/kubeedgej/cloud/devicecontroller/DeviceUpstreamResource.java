package org.kubeedgej.cloud.devicecontroller;

import java.util.Optional;
import org.kubeedgej.shared.model.ResourcePath;

/**
 * The resource of a device message from the edge, once CloudHub has put the node in front:
 * {@code node/<node>/device/<namespace>/<name>/twin/edge_updated} or {@code .../state/update} (KubeEdge's
 * {@code device/<id>/state} accepted too). A one-segment id (KubeEdge before v1.17) means the default namespace.
 *
 * @param namespace the device's namespace
 * @param name the device's name
 * @param kind {@link #TWIN} or {@link #STATE}
 */
record DeviceUpstreamResource(String namespace, String name, String kind) {

    static final String TWIN = "twin/edge_updated";
    static final String STATE = "state/update";
    private static final String DEVICE = "device/";
    private static final String LEGACY_STATE = "state";

    /** @return {@code <namespace>/<name>} */
    String deviceId() {
        return namespace + "/" + name;
    }

    static Optional<DeviceUpstreamResource> parse(String resource) {
        String local;
        try {
            local = ResourcePath.trimNodePrefix(resource);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!local.startsWith(DEVICE)) {
            return Optional.empty();
        }
        String rest = local.substring(DEVICE.length());
        for (String[] suffix : new String[][] {{TWIN, TWIN}, {STATE, STATE}, {LEGACY_STATE, STATE}}) {
            String tail = "/" + suffix[0];
            if (rest.endsWith(tail)) {
                String id = rest.substring(0, rest.length() - tail.length());
                String[] parts = id.split("/", -1);
                if (parts.length == 1 && !parts[0].isEmpty()) {
                    return Optional.of(new DeviceUpstreamResource("default", parts[0], suffix[1]));
                }
                if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                    return Optional.of(new DeviceUpstreamResource(parts[0], parts[1], suffix[1]));
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
