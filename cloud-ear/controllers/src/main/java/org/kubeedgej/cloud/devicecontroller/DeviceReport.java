package org.kubeedgej.cloud.devicecontroller;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import org.kubeedgej.shared.model.Message;

/**
 * One device report waiting to be written, with the edge messages it stands for. Those are confirmed only once the
 * report is written (KubeEdge's DeviceController patches the status first, then answers), so an edge that keeps
 * unconfirmed reports, as KubeEdge's DeviceTwin does, sends them again if CloudCore stops before the write.
 *
 * @param nodeId the node that reported
 * @param resource the device and the kind of report
 * @param content the report's content
 * @param requests the edge messages folded into this report, oldest first, at most {@value #MAX_REQUESTS}
 */
record DeviceReport(String nodeId, DeviceUpstreamResource resource, JsonObject content, List<Message> requests) {

    /**
     * Bounds what one waiting report holds while the API server is down. The oldest go unconfirmed beyond it; a
     * KubeEdge edge sends those again a minute later, and they fold into the report then.
     */
    static final int MAX_REQUESTS = 256;

    DeviceReport {
        requests = List.copyOf(requests);
    }

    static DeviceReport of(String nodeId, DeviceUpstreamResource resource, JsonObject content, Message request) {
        return new DeviceReport(nodeId, resource, content, List.of(request));
    }

    /** @return what reports fold under: one node's reports of one kind on one device */
    String key() {
        return nodeId + " " + resource.deviceId() + " " + resource.kind();
    }

    /**
     * Twin reports fold property by property (later values win); a state report replaces the waiting one. Either
     * way every request stays to be confirmed.
     *
     * @param waiting the report not yet written
     * @param newer the report of the same {@link #key()} that arrived since
     * @return the report to write
     */
    static DeviceReport fold(DeviceReport waiting, DeviceReport newer) {
        List<Message> requests = new ArrayList<>(waiting.requests());
        requests.addAll(newer.requests());
        if (requests.size() > MAX_REQUESTS) {
            requests = requests.subList(requests.size() - MAX_REQUESTS, requests.size());
        }
        if (!DeviceUpstreamResource.TWIN.equals(newer.resource().kind())) {
            return new DeviceReport(newer.nodeId(), newer.resource(), newer.content(), requests);
        }
        JsonObjectBuilder twins = Json.createObjectBuilder(DeviceSpec.object(waiting.content(), "twin"));
        DeviceSpec.object(newer.content(), "twin").forEach(twins::add);
        return new DeviceReport(newer.nodeId(), newer.resource(),
                Json.createObjectBuilder(newer.content()).add("twin", twins).build(), requests);
    }
}
