package org.kubeedgej.edge.edgehub;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kubeedgej.edge.certificate.CertificateServiceException;
import org.kubeedgej.edge.certificate.RotationSchedule;

/**
 * Rotates the node's certificate as KubeEdge's edge does: at a random point 70-90 % into its lifetime, renewed at
 * CloudCore's certificate service ({@code modules.edgeHub.httpServer}) with the current certificate, then EdgeHub
 * reconnects with the new one (messages meanwhile wait in its outbound buffer). On with KubeEdge's
 * {@code modules.edgeHub.rotateCertificates} (default true) when EdgeHub uses the PEM files, not the PKCS12 stores.
 * Failures are retried after 2, 4, 8, 16, 32 s, then every 32 s.
 */
@ApplicationScoped
public class CertificateRotation {

    private static final Logger LOG = Logger.getLogger(CertificateRotation.class.getName());

    @Inject
    EdgeHubConfig config;

    @Inject
    EdgeHubClient edgeHub;

    @Inject
    @ConfigProperty(name = "modules.edged.hostnameOverride")
    String nodeName;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private CertificateRenewal renewal;
    private volatile Instant nextRotation;
    private ScheduledFuture<?> task;
    private int failures;

    void onStart(@Observes Startup event) {
        Optional<String> off = offReason(config);
        if (off.isPresent()) {
            LOG.info(() -> "certificate rotation is off: " + off.get());
            return;
        }
        try {
            renewal = new CertificateRenewal(Path.of(config.caFile()), Path.of(config.certFile()),
                    Path.of(config.privateKeyFile()), config.httpServer().orElseThrow(), nodeName);
        } catch (CertificateServiceException e) {
            LOG.severe(() -> "certificate rotation is off: " + e.explain());
            return;
        }
        scheduleNext();
    }

    /** @return why rotation does not run with this configuration, if it does not */
    static Optional<String> offReason(EdgeHubConfig config) {
        if (!config.enabled()) {
            return Optional.of("EdgeHub is disabled (modules.edgeHub.enable=false)");
        }
        if (!config.rotateCertificates()) {
            return Optional.of("modules.edgeHub.rotateCertificates=false");
        }
        if (config.keyStore().isPresent()) {
            return Optional.of("EdgeHub uses the PKCS12 stores of modules.edgeHub.tlsKeyStore (certs/certgen.sh);"
                    + " only KubeEdge's PEM files (tlsCertFile, tlsPrivateKeyFile) are rotated");
        }
        if (config.httpServer().isEmpty()) {
            return Optional.of("modules.edgeHub.httpServer (CloudCore's certificate service, https://<cloudcore>:10002)"
                    + " is not set");
        }
        return Optional.empty();
    }

    /** @return when the certificate is next renewed, while rotation runs */
    public Optional<Instant> nextRotation() {
        return Optional.ofNullable(nextRotation);
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private synchronized void scheduleNext() {
        try {
            X509Certificate current = renewal.current();
            Instant deadline = RotationSchedule.deadline(current, ThreadLocalRandom.current());
            nextRotation = deadline;
            long delay = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            LOG.info(() -> "certificate of edge node " + nodeName + " is valid until "
                    + current.getNotAfter().toInstant() + "; it is renewed at " + deadline + " (70-90 % of its life)");
            task = scheduler.schedule(this::rotate, delay, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            retry("cannot read the current certificate " + config.certFile() + ": " + e.getMessage());
        }
    }

    private void rotate() {
        try {
            X509Certificate renewed = renewal.renew();
            synchronized (this) {
                failures = 0;
            }
            LOG.info(() -> "certificate of edge node " + nodeName + " renewed at " + config.httpServer().orElse("")
                    + ", valid until " + renewed.getNotAfter().toInstant() + "; EdgeHub reconnects with it");
            edgeHub.reconnect("the node certificate was renewed");
            scheduleNext();
        } catch (CertificateServiceException e) {
            retry(e.explain());
        } catch (Exception e) {
            retry(e.toString());
        }
    }

    private synchronized void retry(String why) {
        failures++;
        Duration delay = RotationSchedule.retryDelay(failures);
        int attempt = failures;
        LOG.warning(() -> "certificate rotation of edge node " + nodeName + " failed (attempt " + attempt + "): " + why
                + "; retrying in " + delay.toSeconds() + " s");
        nextRotation = Instant.now().plus(delay);
        task = scheduler.schedule(this::rotate, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
