package org.kubeedgej.edge.certificate;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * When an edge renews its certificate: at a random point between 70 % and 90 % of its lifetime, KubeEdge's rule
 * (edge/pkg/edgehub/certificate: {@code wait.Jitter(total, 0.2) - 0.3 * total}), so edges that joined together do not
 * all renew together. A failed renewal is retried after 2, 4, 8, 16 and 32 s, then every 32 s, as KubeEdge retries.
 */
public final class RotationSchedule {

    static final double EARLIEST = 0.7;
    static final double SPREAD = 0.2;
    private static final int RETRY_STEPS = 5;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

    private RotationSchedule() {
        throw new AssertionError();
    }

    /**
     * @param notBefore the certificate's start
     * @param notAfter its end
     * @param random a number in [0, 1)
     * @return the rotation deadline: notBefore + (0.7 + 0.2 * random) * lifetime
     */
    public static Instant deadline(Instant notBefore, Instant notAfter, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        long lifetimeMillis = Math.max(0, Duration.between(notBefore, notAfter).toMillis());
        return notBefore.plusMillis((long) (lifetimeMillis * (EARLIEST + SPREAD * random)));
    }

    /**
     * @param certificate the node's current certificate
     * @param random where the jitter comes from
     * @return its rotation deadline
     */
    public static Instant deadline(X509Certificate certificate, RandomGenerator random) {
        return deadline(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                random.nextDouble());
    }

    /**
     * @param failures renewals failed in a row (1 after the first)
     * @return how long to wait before the next attempt
     */
    public static Duration retryDelay(int failures) {
        int step = Math.max(1, Math.min(failures, RETRY_STEPS));
        return FIRST_RETRY.multipliedBy(1L << (step - 1));
    }
}
