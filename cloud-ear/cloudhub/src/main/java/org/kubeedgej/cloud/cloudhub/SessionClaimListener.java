package org.kubeedgej.cloud.cloudhub;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.kubeedgej.cloud.events.NodeConnectionEvent;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.cloud.messaging.SessionClaim;
import org.kubeedgej.cloud.messaging.SessionClaims;

/**
 * Newest session wins, across replicas. An edge that lost its replica (a partition, a half-open connection) and
 * connected to another leaves an older session behind, which would go on taking messages off the node's shared
 * queue and sending them where nobody reads. Each replica announces the sessions it opens; one that holds an older
 * session of the same node closes it, so the node queue's messages go only to the session the edge uses. All replicas
 * order two claims the same way ({@link SessionClaim#isNewerThan}).
 */
@ApplicationScoped
public class SessionClaimListener {

    private static final Logger LOG = Logger.getLogger(SessionClaimListener.class.getName());

    @Inject
    SessionClaims claims;

    @Inject
    NodeSessions sessions;

    @Inject
    ControllerLeadership leadership;

    private AutoCloseable subscription;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            subscription = claims.listen(this::heard);
        } catch (IllegalStateException e) {
            LOG.warning(() -> "cloudhub: " + e.getMessage() + "; with several replicas, a node's older session on"
                    + " another replica then ends only by its keepalive");
        }
    }

    void opened(@Observes NodeConnectionEvent event) {
        if (event.connected()) {
            claims.announce(new SessionClaim(event.nodeId(), leadership.replicaId(), event.at()));
        }
    }

    /** Another replica's claim: close ours when it is older. */
    void heard(SessionClaim claim) {
        if (claim.replicaId().equals(leadership.replicaId())) {
            return;
        }
        sessions.find(claim.nodeId()).ifPresent(ours -> {
            SessionClaim mine = new SessionClaim(claim.nodeId(), leadership.replicaId(), ours.connectedAt());
            if (claim.isNewerThan(mine)) {
                String reason = "edge node " + claim.nodeId() + " has a newer session on replica "
                        + claim.replicaId() + " (opened " + claim.connectedAt() + ")";
                LOG.info(() -> reason + "; closing its older session on this replica (opened " + ours.connectedAt()
                        + ")");
                sessions.closeReplaced(ours, reason);
            }
        });
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.fine(() -> "closing the session claims subscription: " + e);
            }
        }
    }
}
