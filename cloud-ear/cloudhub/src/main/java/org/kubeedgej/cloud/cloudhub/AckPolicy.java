package org.kubeedgej.cloud.cloudhub;

import java.util.Set;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.MessageFormatException;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Which downstream messages wait for the edge's ack, after KubeEdge's {@code noAckRequired}: answers to the edge's
 * own queries and the edge controller's status-like types are sent once, because an edge (KubeEdge's included)
 * never acknowledges them and resending would loop. Everything else (objects the edge stores) is acked.
 */
final class AckPolicy {

    private static final Set<String> NO_ACK_TYPES = Set.of(ResourceTypes.POD_LIST, ResourceTypes.NODE_STATUS,
            ResourceTypes.NODE_PATCH, ResourceTypes.LEASE, ResourceTypes.POD_STATUS, ResourceTypes.POD_PATCH,
            ResourceTypes.SERVICE_ACCOUNT_TOKEN, ResourceTypes.CERTIFICATE_SIGNING_REQUEST);

    private AckPolicy() {
        throw new AssertionError();
    }

    /**
     * @param message a downstream message, resource in the edge form
     * @return whether CloudHub keeps it until the edge acknowledges it
     */
    static boolean needsAck(Message message) {
        String operation = message.route().operation();
        if (Operations.RESPONSE.equals(operation) || Operations.ERROR.equals(operation)
                || message.header().hasParentId()) {
            return false;
        }
        String resource = message.route().resource();
        // Membership lists, as KubeEdge's noAckRequired: its DeviceTwin never acknowledges them (the Device objects
        // that follow them are acknowledged and make device delivery reliable).
        if (resource.startsWith(ResourceTypes.K8S_CA) || resource.contains(ResourceTypes.MEMBERSHIP)) {
            return false;
        }
        try {
            return !NO_ACK_TYPES.contains(ResourcePath.parseEdge(resource).type());
        } catch (MessageFormatException notAnObjectPath) {
            return true;
        }
    }
}
