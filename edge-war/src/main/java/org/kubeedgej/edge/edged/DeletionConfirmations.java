package org.kubeedgej.edge.edged;

import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.kubeedgej.shared.model.Groups;
import org.kubeedgej.shared.model.Message;
import org.kubeedgej.shared.model.Operations;
import org.kubeedgej.shared.model.ResourceTypes;

/**
 * Pods this edge has stopped and removed for a deletion the cluster has not finished yet: each one's deletion is
 * confirmed upstream (DeleteOptions with grace 0, on the condition of its UID, as KubeEdge's kubelet sends it) and
 * confirmed again until the cloud's final DELETE of that pod arrives. A confirmation written into a connection that
 * is dying when cloudcore is killed is lost without a trace, and the pod would then stay Terminating for good (found
 * by KillNineFaultIT); the kubelet, too, retries the final delete at each status sync while the pod exists. So the
 * confirmations still waiting are sent again when the cloud connection is back and every {@link #RESEND_AFTER}. The
 * cloud answers a repeat for a pod already gone, or for a newer pod of the same name, with OK and deletes nothing.
 * Memory is bounded by the node's pods: an entry lives only while its pod is still stored on the edge.
 */
final class DeletionConfirmations {

    private static final Logger LOG = Logger.getLogger(DeletionConfirmations.class.getName());

    /** Kubelet's status manager syncs every 10 s; a confirmation not finished by then is sent again. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(10);

    private record Waiting(PodRef pod, Instant sentAt) {}

    private final Map<String, Waiting> byUid = new ConcurrentHashMap<>();
    private final Consumer<Message> upstream;

    /** @param upstream where confirmations go (EdgeHub's send, which keeps them while disconnected) */
    DeletionConfirmations(Consumer<Message> upstream) {
        this.upstream = upstream;
    }

    /** Confirms a pod's deletion now and keeps confirming until {@link #finished} names it. */
    void confirm(PodRef pod, Instant now) {
        byUid.put(pod.uid(), new Waiting(pod, now));
        upstream.accept(message(pod));
    }

    /** The cloud deleted the pod with this UID (its final DELETE reached the edge): nothing more to confirm. */
    void finished(String uid) {
        byUid.remove(uid);
    }

    /** As {@link #finished(String)} for a DELETE that names the pod only by namespace/name. */
    void finishedByKey(String namespace, String name) {
        byUid.values().removeIf(w -> w.pod().namespace().equals(namespace) && w.pod().name().equals(name));
    }

    /** Sends again the confirmations sent before {@code now - RESEND_AFTER}. */
    void resendDue(Instant now) {
        resend(now, now.minus(RESEND_AFTER));
    }

    /** A new cloud connection: what was sent into the old one may be lost, so every waiting one goes again. */
    void resendAll(Instant now) {
        resend(now, Instant.MAX);
    }

    /** @return how many deletions wait for the cloud */
    int waiting() {
        return byUid.size();
    }

    private void resend(Instant now, Instant sentBefore) {
        byUid.replaceAll((uid, w) -> {
            if (!w.sentAt().isBefore(sentBefore)) {
                return w;
            }
            LOG.info(() -> "pod " + w.pod().namespace() + "/" + w.pod().name() + " (UID " + uid + "): its deletion is"
                    + " not finished in the cluster " + Duration.between(w.sentAt(), now).toSeconds() + " s after the"
                    + " edge confirmed it; confirming again");
            upstream.accept(message(w.pod()));
            return new Waiting(w.pod(), now);
        });
    }

    private static Message message(PodRef pod) {
        return Message.newRequest(Groups.EDGED, Groups.META, Operations.DELETE,
                pod.namespace() + "/" + ResourceTypes.POD + "/" + pod.name(), Json.createObjectBuilder()
                        .add("gracePeriodSeconds", 0)
                        .add("preconditions", Json.createObjectBuilder().add("uid", pod.uid())).build());
    }
}
