package org.kubeedgej.edge.edged;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The kubelet's exec and attach for this node's pods: the container is found as the kubelet finds it (the pod among
 * those edged runs, then its newest attempt) before the connection is upgraded, so a wrong name is a plain 404; the
 * process then runs in Docker.
 */
@ApplicationScoped
public class ContainerStreams {

    private static final Logger LOG = Logger.getLogger(ContainerStreams.class.getName());

    @Inject
    PodManager pods;

    @Inject
    @ConfigProperty(name = "modules.edged.dockerHost")
    Optional<String> dockerHost;

    private DockerExecStreams streams;

    /**
     * @return the Docker id of the container the request is for
     * @throws ContainerStreamException 404 when this node runs no such pod or container
     */
    public String containerId(ContainerStreamRequest request) throws ContainerStreamException {
        Optional<PodDefinition> pod = pods.definition(request.podKey());
        if (pod.isEmpty()) {
            throw new ContainerStreamException(404, "pod \"" + request.pod() + "\" not found in namespace \""
                    + request.namespace() + "\" on this node");
        }
        List<ContainerState> attempts = ContainerAttempts.newestFirst(pods, pod.get(), request.container());
        if (attempts.isEmpty() || attempts.get(0).containerId() == null) {
            throw new ContainerStreamException(404, "container not found (\"" + request.container() + "\") in pod \""
                    + request.podKey() + "\"");
        }
        return attempts.get(0).containerId();
    }

    /** Starts the process (exec) or joins it (attach); its output and end go to the sink. */
    public ContainerStream start(String containerId, ContainerStreamRequest request, ContainerStreamSink sink)
            throws ContainerStreamException {
        LOG.info(() -> "starting " + request);
        return streams().start(containerId, request, sink);
    }

    private synchronized DockerExecStreams streams() {
        if (streams == null) {
            streams = new DockerExecStreams(ContainerRuntimeProducer.engineAddress(dockerHost));
        }
        return streams;
    }

    @PreDestroy
    synchronized void close() {
        if (streams != null) {
            streams.close();
        }
    }
}
