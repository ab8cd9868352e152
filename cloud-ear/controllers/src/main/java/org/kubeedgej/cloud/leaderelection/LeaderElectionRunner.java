package org.kubeedgej.cloud.leaderelection;

import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.openapi.ApiClient;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the official client's {@link LeaderElector} on the Lease for as long as CloudCore runs: one round lasts
 * until this replica, having led, cannot renew in time; then its work is stopped and it stands again, so a
 * replica that lost the Lease in a network blip can lead again later (client-go's users mostly exit instead; a
 * restart of the whole EAR would cost every edge its session). On a clean stop the elector gives the Lease up
 * ({@link LeaderElector#close()} empties it), so a restarted single CloudCore leads again at once; after a
 * kill -9 the next one waits for the Lease to expire.
 *
 * <p>The elector and its loop run on threads of their own, which carry no application context; the callbacks are
 * wrapped by the container's ContextService so that what the controllers do on them (events, managed executors)
 * works. CDI's BeforeDestroyed event stops the loop and gives the Lease up before the application's beans go.
 */
@ApplicationScoped
public class LeaderElectionRunner {

    private static final Logger LOG = Logger.getLogger(LeaderElectionRunner.class.getName());
    /** How long a stop waits for the Lease to be given up (the elector's own waits are one retry period each). */
    private static final long RELEASE_WAIT_MILLIS = 8000;

    @Inject
    LeaderElectionSettings settings;

    @Inject
    ControllerLeadership leadership;

    @Inject
    ApiClient client;

    @Resource
    ContextService contexts;

    private volatile boolean stopping;
    private boolean stopCalled;
    private volatile LeaderElector current;
    private Thread loop;

    void start(@Observes Startup startup) {
        if (!settings.enabled()) {
            LOG.warning(() -> "leader election is off (leaderElection.leaderElect=false): cloudcore replica "
                    + settings.replicaId() + " leads the controllers alone; run one replica only");
            leadership.started();
            return;
        }
        settings.problem().ifPresent(problem -> {
            throw new IllegalArgumentException("cannot elect a controller leader: " + problem
                    + "; fix the leaderElection.* settings");
        });
        Runnable onStart = contexts.createContextualProxy((Runnable) leadership::started, Runnable.class);
        Runnable onStop = contexts.createContextualProxy((Runnable) () -> leadership.stopped(
                "the Lease was not renewed within " + settings.renewDeadline().toSeconds() + " s"), Runnable.class);
        @SuppressWarnings("unchecked")
        Consumer<String> onLeader = contexts.createContextualProxy((Consumer<String>) leadership::observed,
                Consumer.class);
        // A daemon thread of its own, not the container's: with a managed thread, CloudCore's stop in EdgeHubIT waited
        // 30 s, until the container interrupted that thread; this one ends through stop().
        loop = new Thread(() -> elect(onStart, onStop, onLeader), "cloudcore-leader-election");
        loop.setDaemon(true);
        loop.start();
        LOG.info(() -> "cloudcore replica " + settings.replicaId() + " stands for controller leader on Lease "
                + settings.namespace() + "/" + settings.name() + " (lease " + settings.leaseDuration().toSeconds()
                + " s, renew deadline " + settings.renewDeadline().toSeconds() + " s, retry "
                + settings.retryPeriod().toSeconds() + " s)");
    }

    private void elect(Runnable onStart, Runnable onStop, Consumer<String> onLeader) {
        while (!stopping) {
            LeaderElector elector = new LeaderElector(new LeaderElectionConfig(
                    new LeaseLock(settings.namespace(), settings.name(), settings.replicaId(), client),
                    settings.leaseDuration(), settings.renewDeadline(), settings.retryPeriod()),
                    failure -> LOG.log(Level.FINE, "Lease " + settings.namespace() + "/" + settings.name()
                            + " could not be read or written; trying again", failure));
            current = elector;
            try {
                // On shutdown the elector still calls back, after the application context is gone: skipped.
                elector.run(onStart, () -> {
                    if (!stopping) {
                        safely(onStop);
                    }
                }, leader -> safely(() -> onLeader.accept(leader)));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "leader election round of replica " + settings.replicaId() + " failed", e);
            } finally {
                if (!stopping) {
                    safely(onStop); // told already if it led; the round may also end on an error
                    elector.close();
                }
            }
            if (Thread.interrupted()) {
                stopping = true; // stop() interrupted the loop
            } else {
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(settings.retryPeriod().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** A callback during shutdown may find the application gone; that must not kill the elector's thread. */
    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "leader election callback failed", e);
        }
    }

    /** As early as CDI tells: the work stops and the Lease is given up before the beans it uses go away. */
    void beforeShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (stopCalled) {
            return;
        }
        stopCalled = true;
        stopping = true;
        // The work stops before the Lease is given up, so no other replica starts while this one still acts.
        safely(() -> leadership.stopped("cloudcore is stopping"));
        LeaderElector elector = current;
        if (elector != null) {
            // Giving the Lease up is one API call; a stop must not hang on an API server that does not answer.
            Thread release = new Thread(elector::close, "cloudcore-lease-release");
            release.setDaemon(true);
            release.start();
            try {
                release.join(RELEASE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (loop != null) {
            loop.interrupt();
        }
    }
}
