package org.kubeedgej.cloud.certificate;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.kubeedgej.cloud.leaderelection.ControllerLeadership;
import org.kubeedgej.cloud.leaderelection.LeadershipChanged;

/**
 * The CA behind CloudCore's certificate service, set up as KubeEdge's cloudcore does at start: the CA comes from
 * certgen's files in the certificates directory when they are there (and is then written to Secret {@code casecret}),
 * else from {@code casecret}, else it is made and saved there; CloudCore's own certificate likewise
 * ({@code cloudcoresecret}, SANs from advertiseAddress and dnsNames); a join token is made at once and every
 * tokenRefreshDuration into {@code tokensecret}. Secrets are kept in step in the background and retried while the API
 * server is away; with certgen's files the service works before that. Each replica keeps them in step once at its
 * start (it needs the CA); the renewals every tokenRefreshDuration are written by the replica that leads the
 * controllers only ({@link ControllerLeadership}): all replicas share the CA, so every token is valid on each.
 */
@ApplicationScoped
public class CertificateAuthority {

    private static final Logger LOG = Logger.getLogger(CertificateAuthority.class.getName());
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(3650);
    private static final long RETRY_SECONDS = 5;

    @Inject
    ApiClient client;

    @Inject
    CertificateConfig config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ControllerLeadership leadership;

    private final Clock clock = Clock.systemUTC();
    private final JoinTokens tokens = new JoinTokens(clock);
    private final CertificateIssuer issuer = new CertificateIssuer(clock);
    private volatile CaMaterial ca;
    private volatile boolean secretsInStep;
    private volatile Instant lastSync;
    private ScheduledFuture<?> task;

    void start(@Observes Startup startup) {
        ca = fromFiles("ca").orElse(null);
        if (ca != null) {
            LOG.info(() -> "certificate service: CA " + ca.certificate().getSubjectX500Principal().getName() + " from "
                    + config.certsDir() + " (hash " + JoinTokens.caHash(ca.certificateDer()) + ")");
        }
        task = scheduler.schedule(this::syncSecrets, 0, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * A replica that takes the lead late in a refresh period renews at once, so the token never goes unrenewed for
     * longer than its validity (twice the period) across a change of leader.
     */
    synchronized void onLeadership(@Observes LeadershipChanged change) {
        Instant last = lastSync;
        if (!change.leading() || last == null
                || last.isAfter(Instant.now().minus(config.tokenRefreshDuration().dividedBy(2)))) {
            return;
        }
        if (task != null) {
            task.cancel(false);
        }
        task = scheduler.schedule(this::syncSecrets, 0, TimeUnit.SECONDS);
    }

    private synchronized void syncSecrets() {
        if (secretsInStep && !leadership.isLeader()) {
            LOG.fine("certificate service: the replica that leads renews the join token; this one looks again in "
                    + config.tokenRefreshDuration().toHours() + " h");
            task = scheduler.schedule(this::syncSecrets, config.tokenRefreshDuration().toSeconds(), TimeUnit.SECONDS);
            return;
        }
        try {
            CaSecrets secrets = new CaSecrets(client);
            secrets.ensureNamespace();
            ca = caFromOrToSecret(secrets);
            serverCertificateToSecret(secrets);
            String token = tokens.create(ca.certificateDer(), ca.keyDer(), config.tokenRefreshDuration().multipliedBy(2));
            secrets.save(CaSecrets.TOKEN_SECRET, Map.of(CaSecrets.TOKEN_DATA, token.getBytes()));
            if (!secretsInStep) {
                LOG.info("certificate service: Secrets casecret, cloudcoresecret and tokensecret in namespace kubeedge"
                        + " are in step; a new join token every " + config.tokenRefreshDuration().toHours() + " h");
            }
            secretsInStep = true;
            lastSync = Instant.now();
            task = scheduler.schedule(this::syncSecrets, config.tokenRefreshDuration().toSeconds(), TimeUnit.SECONDS);
        } catch (ApiException | GeneralSecurityException | RuntimeException e) {
            String why = e instanceof ApiException api ? "HTTP " + api.getCode() + " " + api.getResponseBody()
                    : e.toString();
            LOG.warning(() -> "certificate service: cannot keep the CA and token Secrets in namespace kubeedge ("
                    + why + "); retrying in " + RETRY_SECONDS + " s");
            task = scheduler.schedule(this::syncSecrets, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private CaMaterial caFromOrToSecret(CaSecrets secrets) throws ApiException, GeneralSecurityException {
        CaMaterial local = ca;
        Optional<Map<String, byte[]>> stored = secrets.read(CaSecrets.CA_SECRET);
        if (local == null && stored.isPresent() && stored.get().containsKey(CaSecrets.CA_DATA)) {
            return CaMaterial.fromDer(stored.get().get(CaSecrets.CA_DATA), stored.get().get(CaSecrets.CA_KEY_DATA));
        }
        if (local == null) {
            local = issuer.newCa(CA_VALIDITY);
            LOG.info("certificate service: no CA in " + config.certsDir() + " nor in Secret kubeedge/casecret; made one");
        } else if (stored.isPresent() && !Arrays.equals(stored.get().get(CaSecrets.CA_DATA), local.certificateDer())) {
            LOG.warning(() -> "certificate service: Secret kubeedge/casecret holds another CA than "
                    + config.certsDir() + "/ca.crt; replacing it (tokens of the old CA stop working)");
        }
        secrets.save(CaSecrets.CA_SECRET, Map.of(CaSecrets.CA_DATA, local.certificateDer(), CaSecrets.CA_KEY_DATA,
                local.keyDer()));
        return local;
    }

    private void serverCertificateToSecret(CaSecrets secrets) throws ApiException, GeneralSecurityException {
        Optional<CaMaterial> local = fromFiles("cloudcore");
        if (local.isEmpty() && secrets.read(CaSecrets.CLOUDCORE_SECRET).isPresent()) {
            return;
        }
        CaMaterial server = local.isPresent() ? local.get()
                : issuer.serverCertificate(ca, config.advertiseAddress(), config.dnsNames(), SERVER_VALIDITY);
        secrets.save(CaSecrets.CLOUDCORE_SECRET, Map.of(CaSecrets.CLOUDCORE_DATA, server.certificateDer(),
                CaSecrets.CLOUDCORE_KEY_DATA, server.keyDer()));
    }

    private Optional<CaMaterial> fromFiles(String name) {
        Path dir = config.certsDir();
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        if (!Files.isReadable(cert) || !Files.isReadable(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(CaMaterial.fromPem(cert, key));
        } catch (IOException | GeneralSecurityException e) {
            LOG.warning(() -> "certificate service: " + cert + " / " + key + " cannot be read (" + e.getMessage()
                    + "); not used");
            return Optional.empty();
        }
    }

    /** @return the CA certificate, DER, once known */
    public Optional<byte[]> caDer() {
        CaMaterial current = ca;
        return current == null ? Optional.empty() : Optional.of(current.certificateDer());
    }

    /**
     * @param bearer the JWT of a join token
     * @return why it is refused, or null when valid
     */
    public String tokenRefusal(String bearer) {
        CaMaterial current = ca;
        return current == null ? "the certificate service has no CA yet" : tokens.refusal(bearer, current.keyDer());
    }

    /**
     * @param request a checked certificate request
     * @return the node's certificate, DER, valid edgeCertSigningDuration
     */
    public byte[] sign(EdgeCertificateRequest request) throws GeneralSecurityException {
        CaMaterial current = ca;
        if (current == null) {
            throw new GeneralSecurityException("the certificate service has no CA yet");
        }
        return issuer.edgeCertificate(current, request, config.edgeCertSigningDuration());
    }

    /** @return a fresh join token (bin/kubeedge-j gettoken reads the one in tokensecret) */
    public Optional<String> newToken() {
        CaMaterial current = ca;
        return current == null ? Optional.empty() : Optional.of(tokens.create(current.certificateDer(),
                current.keyDer(), config.tokenRefreshDuration().multipliedBy(2)));
    }
}
