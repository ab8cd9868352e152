package org.kubeedgej.edge.edged;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The kubelet's container logs for this node's pods: the pod is found among the pods edged runs, the container by its
 * labels (the newest attempt, or the one before it for {@code previous}), and Docker streams its log. What cannot be
 * served is said in the kubelet's words and ends the stream.
 */
@ApplicationScoped
public class ContainerLogs {

    private static final Logger LOG = Logger.getLogger(ContainerLogs.class.getName());

    @Inject
    PodManager pods;

    @Inject
    @ConfigProperty(name = "modules.edged.dockerHost")
    Optional<String> dockerHost;

    private DockerLogStreams streams;

    /** @return what stops the stream early (the API server went away) */
    public Closeable open(ContainerLogRequest request, LogSink sink) {
        Optional<PodDefinition> pod = pods.definition(request.podKey());
        if (pod.isEmpty()) {
            return refuse(sink, "pod \"" + request.pod() + "\" not found in namespace \"" + request.namespace()
                    + "\" on this node");
        }
        List<ContainerState> attempts = ContainerAttempts.newestFirst(pods, pod.get(), request.container());
        int wanted = request.previous() ? 1 : 0;
        if (attempts.size() <= wanted || attempts.get(wanted).containerId() == null) {
            return refuse(sink, request.previous()
                    ? "previous terminated container \"" + request.container() + "\" in pod \"" + request.pod()
                            + "\" not found"
                    : "container \"" + request.container() + "\" in pod \"" + request.pod()
                            + "\" is waiting to start: no container exists yet");
        }
        String id = attempts.get(wanted).containerId();
        LOG.fine(() -> "pod " + request.podKey() + ": streaming the log of container " + request.container()
                + (request.follow() ? " (follow)" : ""));
        return streams().open(id, request, sink);
    }

    private static Closeable refuse(LogSink sink, String problem) {
        sink.data(problem.getBytes(StandardCharsets.UTF_8));
        sink.end(problem);
        return () -> { };
    }

    private synchronized DockerLogStreams streams() {
        if (streams == null) {
            streams = new DockerLogStreams(ContainerRuntimeProducer.engineAddress(dockerHost));
        }
        return streams;
    }

    @PreDestroy
    synchronized void close() {
        if (streams != null) {
            try {
                streams.close();
            } catch (java.io.IOException e) {
                LOG.fine(() -> "closing the log streams' Docker client: " + e);
            }
        }
    }
}
