package org.kubeedgej.cloud.cloudhub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CloudHub's tunables, named as in KubeEdge's cloudcore.yaml ({@code modules.cloudHub.*}). */
@ApplicationScoped
public class CloudHubConfig {

    /** KubeEdge's limit on one message (viaduct packer): 32 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.nodeLimit", defaultValue = "500")
    int nodeLimit;

    /** The certificate service's port; server.xml's certServiceEndpoint reads the same variable. */
    @Inject
    @ConfigProperty(name = "CLOUDHUB_HTTPS_PORT", defaultValue = "10002")
    int httpsPort;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.keepaliveInterval", defaultValue = "30")
    int keepaliveIntervalSeconds;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.websocket.maxMessageSize", defaultValue = "33554432")
    int maxMessageBytes;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.nodeMessageQPS", defaultValue = "30")
    int nodeMessageQps;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.nodeMessageBurst", defaultValue = "60")
    int nodeMessageBurst;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.ackTimeoutSeconds", defaultValue = "5")
    int ackTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.maxResends", defaultValue = "4")
    int maxResends;

    @Inject
    @ConfigProperty(name = "modules.cloudHub.nodeMaxInFlight", defaultValue = "100")
    int nodeMaxInFlight;

    /**
     * @return how many messages one node may have sent and not yet acknowledged; at this many its queue pauses
     *         until half are acknowledged (KubeEdge sends one at a time per node)
     */
    public int nodeMaxInFlight() {
        return Math.max(1, nodeMaxInFlight);
    }

    /** @return seconds to wait for the edge's ack before sending a message again (KubeEdge: 5) */
    public int ackTimeoutSeconds() {
        return ackTimeoutSeconds;
    }

    /** @return how often a message is sent again before it goes back to the queue (KubeEdge: 4) */
    public int maxResends() {
        return maxResends;
    }

    /** @return how many edge nodes may be connected at once */
    public int nodeLimit() {
        return nodeLimit;
    }

    /** @return seconds a session may stay silent before it is closed */
    public int keepaliveIntervalSeconds() {
        return keepaliveIntervalSeconds;
    }

    /** @return the largest whole message (all frames) accepted from an edge node */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @return sustained messages per second accepted from one node */
    public int nodeMessageQps() {
        return nodeMessageQps;
    }

    /** @return messages one node may send in a burst above the sustained rate */
    public int nodeMessageBurst() {
        return nodeMessageBurst;
    }

    public int httpsPort() {
        return httpsPort;
    }
}
