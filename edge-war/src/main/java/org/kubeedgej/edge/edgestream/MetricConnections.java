package org.kubeedgej.edge.edgestream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import org.kubeedgej.edge.edged.ResourceSummary;
import org.kubeedgej.shared.stream.StreamConnectRequest;
import org.kubeedgej.shared.stream.StreamMessage;

/**
 * METRIC_CONNECT over the tunnel: the kubelet's {@code /stats/summary} from edged's {@link ResourceSummary}, as one
 * JSON document, then the end. Other metric paths are refused with a message.
 */
@ApplicationScoped
public class MetricConnections {

    private static final Logger LOG = Logger.getLogger(MetricConnections.class.getName());
    static final String SUMMARY = "/stats/summary";

    @Inject
    ResourceSummary summary;

    void serve(StreamMessage connect, StreamSender tunnel) {
        long id = connect.connectId();
        String path;
        try {
            path = StreamConnectRequest.decode(connect.data()).path();
        } catch (RuntimeException e) {
            StreamReplies.refuse(id, "cannot read this metrics request: " + e.getMessage(), tunnel);
            return;
        }
        if (!SUMMARY.equals(path)) {
            StreamReplies.refuse(id, "this edge serves " + SUMMARY + ", not " + path, tunnel);
            return;
        }
        try {
            StreamReplies.data(id, summary.summary().toString().getBytes(StandardCharsets.UTF_8), tunnel);
            StreamReplies.end(id, tunnel);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warning(() -> "cannot read this node's resource use for " + SUMMARY + ": " + e);
            StreamReplies.refuse(id, "cannot read the node's resource use: " + e.getMessage(), tunnel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StreamReplies.end(id, tunnel);
        }
    }
}
