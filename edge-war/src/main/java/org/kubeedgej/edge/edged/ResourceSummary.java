package org.kubeedgej.edge.edged;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The kubelet's Summary API ({@code GET /stats/summary}) for this node: the node's CPU and memory and, per running
 * pod, each running container's, in the Summary JSON shape metrics-server and CloudCore's metrics.k8s.io read
 * ({@code usageNanoCores}, {@code usageCoreNanoSeconds}, {@code workingSetBytes}, {@code usageBytes}). Each answer
 * reads Docker afresh (one-shot stats, all containers at once, at most {@value #ANSWER_SECONDS} s).
 */
@ApplicationScoped
public class ResourceSummary {

    private static final Logger LOG = Logger.getLogger(ResourceSummary.class.getName());
    static final int ANSWER_SECONDS = 10;

    @Inject
    PodManager pods;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    @Inject
    @ConfigProperty(name = "modules.edged.dockerHost")
    Optional<String> dockerHost;

    private final NodeUsage node = new NodeUsage(Path.of("/proc"));
    private DockerStats stats;

    public JsonObject summary() throws IOException, InterruptedException {
        ContainerUsage nodeUsage = node.read();
        Map<PodDefinition, Map<String, CompletableFuture<Optional<ContainerUsage>>>> asked = new LinkedHashMap<>();
        for (PodDefinition pod : pods.definitions()) {
            Map<String, CompletableFuture<Optional<ContainerUsage>>> containers = new LinkedHashMap<>();
            pods.runtime().listPodContainers(pod.ref().uid()).stream().filter(ContainerState::running)
                    .sorted(Comparator.comparingInt(ContainerState::restartCount).reversed())
                    .forEach(c -> containers.putIfAbsent(c.name(), stats().usage(c.containerId())));
            asked.put(pod, containers);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
        JsonArrayBuilder podItems = Json.createArrayBuilder();
        for (Map.Entry<PodDefinition, Map<String, CompletableFuture<Optional<ContainerUsage>>>> entry
                : asked.entrySet()) {
            JsonArrayBuilder containers = Json.createArrayBuilder();
            long cpu = 0;
            long cpuTime = 0;
            long workingSet = 0;
            long usage = 0;
            boolean any = false;
            for (Map.Entry<String, CompletableFuture<Optional<ContainerUsage>>> c : entry.getValue().entrySet()) {
                Optional<ContainerUsage> used = await(c.getValue(), deadline, entry.getKey(), c.getKey());
                if (used.isEmpty()) {
                    continue;
                }
                ContainerUsage u = used.get();
                containers.add(Json.createObjectBuilder().add("name", c.getKey()).add("cpu", cpu(u))
                        .add("memory", memory(u)));
                cpu += u.nanoCores();
                cpuTime += u.coreNanoSeconds();
                workingSet += u.workingSetBytes();
                usage += u.usageBytes();
                any = true;
            }
            if (!any) {
                continue;
            }
            PodRef ref = entry.getKey().ref();
            ContainerUsage total = new ContainerUsage(nodeUsage.at(), cpu, cpuTime, workingSet, usage);
            podItems.add(Json.createObjectBuilder()
                    .add("podRef", Json.createObjectBuilder().add("name", ref.name())
                            .add("namespace", ref.namespace()).add("uid", ref.uid()))
                    .add("containers", containers).add("cpu", cpu(total)).add("memory", memory(total)));
        }
        return Json.createObjectBuilder()
                .add("node", Json.createObjectBuilder().add("nodeName", nodeName).add("cpu", cpu(nodeUsage))
                        .add("memory", memory(nodeUsage)))
                .add("pods", podItems).build();
    }

    private static Optional<ContainerUsage> await(CompletableFuture<Optional<ContainerUsage>> answer, long deadline,
            PodDefinition pod, String container) throws InterruptedException {
        try {
            return answer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.fine(() -> "pod " + pod.key() + ": no stats for container " + container + ": " + e);
            return Optional.empty();
        }
    }

    private static JsonObjectBuilder cpu(ContainerUsage u) {
        return Json.createObjectBuilder().add("time", u.at().toString()).add("usageNanoCores", u.nanoCores())
                .add("usageCoreNanoSeconds", u.coreNanoSeconds());
    }

    private static JsonObjectBuilder memory(ContainerUsage u) {
        return Json.createObjectBuilder().add("time", u.at().toString()).add("workingSetBytes", u.workingSetBytes())
                .add("usageBytes", u.usageBytes());
    }

    private synchronized DockerStats stats() {
        if (stats == null) {
            stats = new DockerStats(ContainerRuntimeProducer.engineAddress(dockerHost));
        }
        return stats;
    }

    @PreDestroy
    synchronized void close() {
        if (stats != null) {
            try {
                stats.close();
            } catch (IOException e) {
                LOG.fine(() -> "closing the stats Docker client: " + e);
            }
        }
    }
}
