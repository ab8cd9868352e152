package org.kubeedgej.cloud.synccontroller;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;

/**
 * SyncController's periodic reconcile (KubeEdge's {@code reconcileObjectSyncs}, every 5 s): every
 * modules.syncController.reconcileSeconds each ObjectSync/ClusterObjectSync in the cache is compared with the
 * live object and its node ({@link SyncAction#decide}). An object deleted while CloudCore was down (no informer
 * event will ever tell) gets a delete on its node's queue; a newer object is handed to its controller; the records
 * of a deleted node are deleted. It catches what the event-driven controllers cannot, and is safe to run twice:
 * <ul>
 * <li>nothing happens until the record and object caches have listed (a missing object proves nothing before);</li>
 * <li>a delete is made only when two passes in a row decide it, so a delete the controller itself just queued
 * to a connected node (the record goes when the edge acknowledges it) is not sent twice; a node offline then gets
 * both, and acknowledges the second harmlessly;</li>
 * <li>each delete, and each update of one version, is made once per record, not once per pass while its node is
 * offline; a restart of CloudCore may repeat it once, which the edge acknowledges harmlessly.</li>
 * </ul>
 * Only the replica that leads the controllers reconciles ({@link ControllerLeadership}); a new leader starts with
 * no decisions remembered, so its first delete also waits for a second pass.
 */
@ApplicationScoped
public class ObjectSyncReconciler {

    private static final Logger LOG = Logger.getLogger(ObjectSyncReconciler.class.getName());

    @Inject
    @ConfigProperty(name = "modules.syncController.reconcileSeconds", defaultValue = "5")
    long reconcileSeconds;

    @Inject
    ObjectSyncInformers records;

    @Inject
    LiveObjects live;

    @Inject
    ObjectSyncRecorder recorder;

    @Inject
    ControllerLeadership leadership;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** An action taken for a record, and for an update the version it was taken for. */
    private record Taken(SyncAction action, String version) {}

    /** What the previous pass decided for each record that needs an action. */
    private Map<String, SyncAction> previous = Map.of();
    /** What was already done for each record, so it is done once; dropped when the decision changes. */
    private final Map<String, Taken> taken = new HashMap<>();
    private ScheduledFuture<?> task;
    /** The leadership term the remembered decisions belong to. */
    private long term = -1;

    void start(@Observes Startup startup) {
        if (reconcileSeconds <= 0) {
            LOG.info("SyncController's reconcile is off (modules.syncController.reconcileSeconds="
                    + reconcileSeconds + "): objects deleted while CloudCore was down stay on the edge nodes");
            return;
        }
        task = scheduler.scheduleWithFixedDelay(this::pass, reconcileSeconds, reconcileSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** One scheduled pass; never throws, since an exception would end the schedule. */
    void pass() {
        try {
            reconcileAll();
        } catch (RuntimeException e) {
            LOG.warning(() -> "SyncController's reconcile pass failed (next one in " + reconcileSeconds + " s): " + e);
        }
    }

    /** Goes over every record once. */
    synchronized void reconcileAll() {
        if (!leadership.isLeader() || term != leadership.transitions()) {
            previous = Map.of(); // decisions of another term prove nothing now
            taken.clear();
            term = leadership.isLeader() ? leadership.transitions() : -1;
            if (term < 0) {
                return;
            }
        }
        if (!records.hasSynced() || !live.hasSynced()) {
            LOG.fine("SyncController waits for the ObjectSync, node and object caches to list");
            return;
        }
        Map<String, SyncAction> decided = new HashMap<>();
        for (ObjectSyncRecord record : records.list()) {
            if (!leadership.isLeader()) {
                return; // lost the Lease during this pass: the rest is the new leader's
            }
            boolean handled = live.handles(record.objectKind());
            Optional<LiveObjects.LiveObject> object = handled ? live.find(record) : Optional.empty();
            SyncAction action = SyncAction.decide(record, live.nodeExists(record.nodeId()), handled, object);
            if (action == SyncAction.KEEP) {
                continue;
            }
            decided.put(record.name(), action);
            try {
                apply(record, action, object);
            } catch (RuntimeException e) {
                // One record's trouble must not stop the others; the next pass decides again.
                LOG.warning(() -> "SyncController could not reconcile ObjectSync " + record.name() + " of edge node "
                        + record.nodeId() + " (" + action + "): " + e);
            }
        }
        taken.entrySet().removeIf(e -> decided.get(e.getKey()) != e.getValue().action());
        previous = decided;
    }

    private void apply(ObjectSyncRecord record, SyncAction action, Optional<LiveObjects.LiveObject> object) {
        String name = record.name();
        String liveVersion = object.map(LiveObjects.LiveObject::resourceVersion).orElse("");
        Taken done = new Taken(action, action == SyncAction.UPDATE ? liveVersion : "");
        if (done.equals(taken.get(name))) {
            return;
        }
        if (action != SyncAction.UPDATE && previous.get(name) != action) {
            return; // a delete waits for the next pass to decide the same
        }
        switch (action) {
            case UPDATE -> {
                LOG.fine(() -> record.describe() + " is at resourceVersion " + liveVersion + ", edge node "
                        + record.nodeId() + " acknowledged " + record.resourceVersion() + "; reconciling it");
                live.update(record);
            }
            case DELETE_ON_EDGE -> {
                try {
                    live.delete(record);
                } catch (RuntimeException e) {
                    LOG.warning(() -> "cannot queue the delete of " + record.describe() + " for edge node "
                            + record.nodeId() + " (" + e.getMessage() + "); the next pass tries again");
                    return;
                }
                LOG.info(() -> record.describe() + (object.isEmpty() ? " is gone from the API server"
                        : " was replaced by a new object of that name (uid " + object.get().uid() + ") not meant for"
                        + " the node") + ", but edge node " + record.nodeId() + " has it (ObjectSync " + name
                        + "); delete queued for the node");
            }
            case DELETE_RECORD -> {
                recorder.delete(record);
                LOG.info(() -> (object.isPresent() && live.nodeExists(record.nodeId()) ? record.describe()
                        + " was replaced by a new object of that name (uid " + object.get().uid() + "), which edge"
                        + " node " + record.nodeId() + " gets instead"
                        : "edge node " + record.nodeId() + " no longer exists") + "; deleting ObjectSync " + name);
            }
            default -> {
                return;
            }
        }
        taken.put(name, done);
    }
}
