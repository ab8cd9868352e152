package org.kubeedgej.cloud.leaderelection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Settings under {@code leaderElection.*} (environment: LEADERELECTION_LEASEDURATIONSECONDS, ...), named after
 * Kubernetes' LeaderElectionConfiguration. The timings are client-go's and KubeEdge's defaults: a leader that cannot
 * renew stops its work after at most renewDeadline, and another replica takes over once leaseDuration has passed
 * since it last saw the Lease change, so there is never a moment with two leaders as long as clocks tick at the
 * same rate (the durations are measured locally, never compared across machines).
 */
@ApplicationScoped
public class LeaderElectionSettings {

    /** client-go's jitter factor: renewDeadline must exceed retryPeriod times it. */
    static final double JITTER = 1.2;

    @Inject
    @ConfigProperty(name = "leaderElection.leaderElect", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "leaderElection.resourceNamespace", defaultValue = "kubeedge")
    String namespace;

    @Inject
    @ConfigProperty(name = "leaderElection.resourceName", defaultValue = "cloudcore-controllers")
    String name;

    @Inject
    @ConfigProperty(name = "leaderElection.identity")
    Optional<String> identity;

    @Inject
    @ConfigProperty(name = "leaderElection.leaseDurationSeconds", defaultValue = "15")
    long leaseDurationSeconds;

    @Inject
    @ConfigProperty(name = "leaderElection.renewDeadlineSeconds", defaultValue = "10")
    long renewDeadlineSeconds;

    @Inject
    @ConfigProperty(name = "leaderElection.retryPeriodSeconds", defaultValue = "2")
    long retryPeriodSeconds;

    private volatile String replicaId;

    /** @return whether replicas elect a leader; off, this replica leads at once (one replica only!) */
    public boolean enabled() {
        return enabled;
    }

    /** @return the Lease's namespace */
    public String namespace() {
        return namespace;
    }

    /** @return the Lease's name */
    public String name() {
        return name;
    }

    /**
     * This replica's name in the Lease: {@code leaderElection.identity}, else the host name and a short hash of the
     * server's directory (its working directory). Distinct for two replicas even on one machine (they cannot share a
     * server directory, nor a pod its host name), and the same for a replica restarted in place: after a kill -9 it
     * finds the Lease in its own name and leads again at once instead of waiting out the lease duration, as a
     * single CloudCore did before there was an election.
     *
     * @return the replica id
     */
    public String replicaId() {
        if (replicaId == null) {
            replicaId = identity.filter(s -> !s.isBlank()).orElseGet(LeaderElectionSettings::hostAndDirectory);
        }
        return replicaId;
    }

    /** @return how long a Lease not renewed keeps other replicas away */
    public Duration leaseDuration() {
        return Duration.ofSeconds(leaseDurationSeconds);
    }

    /** @return how long the leader keeps trying to renew before it stops its work */
    public Duration renewDeadline() {
        return Duration.ofSeconds(renewDeadlineSeconds);
    }

    /** @return the wait between tries to acquire or renew */
    public Duration retryPeriod() {
        return Duration.ofSeconds(retryPeriodSeconds);
    }

    /**
     * @return why the timings cannot work, if they cannot (client-go's rules)
     */
    public Optional<String> problem() {
        if (retryPeriodSeconds <= 0) {
            return Optional.of("leaderElection.retryPeriodSeconds must be above 0");
        }
        if (renewDeadlineSeconds <= retryPeriodSeconds * JITTER) {
            return Optional.of("leaderElection.renewDeadlineSeconds (" + renewDeadlineSeconds + ") must exceed "
                    + JITTER + " x retryPeriodSeconds (" + retryPeriodSeconds + ")");
        }
        if (leaseDurationSeconds <= renewDeadlineSeconds) {
            return Optional.of("leaderElection.leaseDurationSeconds (" + leaseDurationSeconds + ") must exceed"
                    + " renewDeadlineSeconds (" + renewDeadlineSeconds + "), or two replicas could lead at once");
        }
        return Optional.empty();
    }

    private static String hostAndDirectory() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("cloudcore");
        }
        String directory = Path.of(System.getProperty("user.dir", ".")).toAbsolutePath().normalize().toString();
        return host + "_" + UUID.nameUUIDFromBytes(directory.getBytes(StandardCharsets.UTF_8)).toString()
                .substring(0, 8);
    }
}
