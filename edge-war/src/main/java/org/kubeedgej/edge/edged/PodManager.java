package org.kubeedgej.edge.edged;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.edgehub.CloudConnectedEvent;
import org.kubeedgej.edge.edgehub.EdgeHubClient;
import org.kubeedgej.edge.metamanager.MetaRepository;
import org.kubeedgej.edge.metamanager.StoredObjectEvent;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourcePath;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Runs the pods the cloud assigns to this node. Pods arrive as {@link StoredObjectEvent}s (already in the edge
 * database); the work happens off the event thread, one task at a time per pod, and again every
 * modules.edged.podSyncPeriod seconds so crashed containers restart and statuses follow. A pod with a
 * deletionTimestamp is stopped within its grace period, removed, and its deletion confirmed upstream until the cloud
 * finishes it ({@link DeletionConfirmations}). A stored
 * ConfigMap or Secret syncs the pods again, so waiting pods start and mounted files follow updates. Container
 * probes run on their own small pool (modules.edged.probeThreads) through {@link ProbeManager}; a changed probe
 * conclusion syncs the pod again. Pods bound to another node (spec.nodeName) are refused, as a kubelet would.
 */
@ApplicationScoped
public class PodManager {

    private static final Logger LOG = Logger.getLogger(PodManager.class.getName());

    @Inject
    ContainerRuntime runtime;

    @Inject
    MetaRepository metaRepository;

    @Inject
    PodStatusReporter statusReporter;

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    ConfigSourceQuery configSourceQuery;

    /** The kubelet's Events for pods; null outside a server (unit tests), where none are recorded. */
    @Inject
    EventRecorder eventRecorder;

    @Inject
    @ConfigProperty(name = "modules.edged.podSyncPeriod", defaultValue = "5")
    int syncPeriodSeconds;

    /** KubeEdge's edged rootDirectory: pod volume files live under it; relative means under the server directory. */
    @Inject
    @ConfigProperty(name = "modules.edged.rootDirectory", defaultValue = "data/edged")
    String rootDirectory;

    /** How many threads run container probes for all pods; a probe blocks one for at most its timeout. */
    @Inject
    @ConfigProperty(name = "modules.edged.probeThreads", defaultValue = "2")
    int probeThreads;

    /** This node's name: pods bound to another node are not run here. */
    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    @Resource
    ManagedScheduledExecutorService executor;

    /** Threads for the probe pool; null outside a server (unit tests), where plain threads are used. */
    @Resource
    ManagedThreadFactory threadFactory;

    /** The pods to run, by namespace/name. */
    private final Map<String, PodDefinition> pods = new ConcurrentHashMap<>();
    /** Pods deleted or replaced by a new uid whose containers may still exist, by uid. */
    private final Map<String, PodDefinition> retired = new ConcurrentHashMap<>();
    private PodSyncer syncer;
    private PodWorkers workers;
    private ProbeManager probes;
    private DeletionConfirmations confirmations;
    private ScheduledFuture<?> periodic;

    @PostConstruct
    void init() {
        workers = new PodWorkers(executor);
        confirmations = new DeletionConfirmations(message -> edgeHub.send(message));
        ScheduledThreadPoolExecutor probePool = new ScheduledThreadPoolExecutor(Math.max(1, probeThreads),
                threadFactory != null ? threadFactory : Executors.defaultThreadFactory());
        probePool.setRemoveOnCancelPolicy(true);
        KubeletEvents events = new KubeletEvents(eventRecorder != null ? eventRecorder : EventSink.NONE);
        probes = new ProbeManager(probePool, events.recording(new ContainerProber(runtime)), Clock.systemUTC(),
                key -> workers.submit(key, () -> sync(key)));
        syncer = new PodSyncer(runtime, new ContainerConfigResolver(
                new StoredConfigSources(metaRepository, configSourceQuery), Path.of(rootDirectory).toAbsolutePath()),
                probes, events);
    }

    /**
     * Offline autonomy: at start-up the pods kept in the edge database are run again (or found running by their
     * container labels), whether or not the cloud is reachable.
     */
    void restore(@Observes Startup startup) {
        Map<String, String> stored = metaRepository.findByType(ResourceTypes.POD);
        stored.forEach((resource, json) -> {
            try (JsonReader reader = Json.createReader(new StringReader(json))) {
                ResourcePath path = ResourcePath.parseEdge(resource);
                String key = path.namespace() + "/" + path.name();
                desire(key, PodSpecReader.read(reader.readObject(), path.namespace()));
                workers.submit(key, () -> sync(key));
            } catch (RuntimeException e) {
                LOG.warning(() -> "stored pod " + resource + " cannot be restored: " + e.getMessage());
            }
        });
        if (!stored.isEmpty()) {
            LOG.info(() -> "edged restored " + stored.size() + " pod(s) from the edge database");
            startPeriodicSync();
        }
    }

    void onStored(@Observes StoredObjectEvent event) {
        Message message = event.message();
        ResourcePath path;
        try {
            path = ResourcePath.parseEdge(message.route().resource());
        } catch (RuntimeException e) {
            return; // not <namespace>/<type>/<name> (e.g. membership): not a pod
        }
        if (ResourceTypes.CONFIGMAP.equals(path.type()) || ResourceTypes.SECRET.equals(path.type())) {
            // Pods waiting for it start, running pods get its new files; the sync of a pod that does not use it
            // changes nothing. Only referenced objects reach a node, so this is rarely more than its users.
            LOG.fine(() -> path.type() + " " + path.namespace() + "/" + path.name() + " changed; syncing pods");
            pods.keySet().forEach(k -> workers.submit(k, () -> sync(k)));
            return;
        }
        if (!ResourceTypes.POD.equals(path.type()) || path.name().isEmpty()) {
            return;
        }
        String key = path.namespace() + "/" + path.name();
        String operation = message.route().operation();
        try {
            switch (operation) {
                case Operations.INSERT, Operations.UPDATE -> {
                    if (!boundHere(key, message.content().asJsonObject())) {
                        return;
                    }
                    desire(key, PodSpecReader.read(message.content().asJsonObject(), path.namespace()));
                }
                case Operations.DELETE -> forget(key, message.content());
                default -> {
                    LOG.fine(() -> "edged ignores " + operation + " of pod " + key);
                    return;
                }
            }
        } catch (RuntimeException e) {
            // Only this pod is affected; the event thread (the cloud connection) must carry on.
            LOG.warning(() -> "pod " + key + ": cannot act on " + operation + ": " + e.getMessage());
            return;
        }
        startPeriodicSync();
        workers.submit(key, () -> sync(key));
    }

    /** A kubelet runs only the pods bound to its node; the cloud sends only those, but a stray one must not run. */
    private boolean boundHere(String key, JsonObject pod) {
        JsonValue spec = pod.get("spec");
        String bound = spec != null && spec.getValueType() == JsonValue.ValueType.OBJECT
                ? spec.asJsonObject().getString("nodeName", "") : "";
        if (nodeName == null || nodeName.isEmpty() || bound.isEmpty() || bound.equals(nodeName)) {
            return true;
        }
        LOG.warning(() -> "pod " + key + " is bound to node " + bound + ", not to this node " + nodeName
                + "; not run here");
        return false;
    }

    private void desire(String key, PodDefinition pod) {
        PodDefinition old = pods.put(key, pod);
        if (old != null && !old.ref().uid().equals(pod.ref().uid())) {
            retired.put(old.ref().uid(), old);
        }
        LOG.fine(() -> "pod " + key + " (uid " + pod.ref().uid() + ") wanted" + (pod.deleting() ? ", deleting" : ""));
    }

    private void forget(String key, JsonValue content) {
        String uid = content != null && content.getValueType() == JsonValue.ValueType.OBJECT
                && content.asJsonObject().get("metadata") instanceof JsonObject meta ? meta.getString("uid", "") : "";
        if (uid.isEmpty()) {
            confirmations.finishedByKey(key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1));
        } else {
            confirmations.finished(uid);
        }
        PodDefinition old = pods.remove(key);
        if (old == null && content != null && content.getValueType() == JsonValue.ValueType.OBJECT
                && content.asJsonObject().containsKey("metadata")) {
            old = PodSpecReader.read(content.asJsonObject(), key.substring(0, key.indexOf('/')));
        }
        if (old != null) {
            retired.put(old.ref().uid(), old);
        }
    }

    /** One pod's turn: remove what is retired, then delete or run what is wanted. */
    private void sync(String key) {
        retired.values().stream().filter(p -> p.key().equals(key)).toList().forEach(p -> {
            probes.forget(p);
            syncer.killPod(p);
            statusReporter.forget(p);
            retired.remove(p.ref().uid());
        });
        PodDefinition pod = pods.get(key);
        if (pod == null) {
            return;
        }
        if (pod.deleting()) {
            probes.forget(pod);
            syncer.killPod(pod);
            statusReporter.forget(pod);
            pods.remove(key, pod);
            confirmations.confirm(pod.ref(), Instant.now());
            LOG.info(() -> "pod " + key + " deleted on the edge; deletion confirmed to the cloud");
            return;
        }
        List<ContainerState> states = syncer.sync(pod, Instant.now());
        probes.update(pod, states);
        statusReporter.report(pod, states, probes);
    }

    /** A new cloud connection: deletion confirmations sent into the old one may be lost. */
    void onConnected(@Observes CloudConnectedEvent connected) {
        confirmations.resendAll(Instant.now());
    }

    /** @return the pods edged runs now */
    public List<PodDefinition> definitions() {
        return List.copyOf(pods.values());
    }

    /** @return the pod edged runs under namespace/name, if any */
    public Optional<PodDefinition> definition(String key) {
        return Optional.ofNullable(pods.get(key));
    }

    /** @return the engine edged runs pods on (package types: for edged's own classes) */
    public ContainerRuntime runtime() {
        return runtime;
    }

    /** @return the pods this edge runs or is deleting */
    public int podCount() {
        return pods.size();
    }

    private synchronized void startPeriodicSync() {
        if (periodic == null) {
            periodic = executor.scheduleWithFixedDelay(() -> {
                pods.keySet().forEach(k -> workers.submit(k, () -> sync(k)));
                retired.values().forEach(p -> workers.submit(p.key(), () -> sync(p.key())));
                confirmations.resendDue(Instant.now());
            }, syncPeriodSeconds, syncPeriodSeconds, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        probes.shutdown();
    }
}
