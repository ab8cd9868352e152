package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * A pod as the cloud wants it on this node, parsed from the Pod JSON MetaManager stored.
 *
 * @param ref namespace, name, uid, network
 * @param restartPolicy Always, OnFailure or Never
 * @param graceSeconds spec.terminationGracePeriodSeconds (30 when absent)
 * @param deleting metadata.deletionTimestamp is set: the cloud asks for a graceful delete
 * @param containers the containers, in spec order
 * @param json the Pod JSON as received, sent back with the deletion confirmation
 */
record PodDefinition(PodRef ref, String restartPolicy, int graceSeconds, boolean deleting,
        List<ContainerSpec> containers, JsonObject json) {

    PodDefinition {
        containers = List.copyOf(containers);
    }

    /** @return namespace/name, the key edged keeps pods under */
    String key() {
        return ref.describe();
    }
}
