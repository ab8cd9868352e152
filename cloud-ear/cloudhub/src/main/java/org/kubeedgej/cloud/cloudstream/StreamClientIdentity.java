package org.kubeedgej.cloud.cloudstream;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How the stream port's front ({@link StreamPortListener}) tells Liberty's servlets whose certificate it verified: a
 * header carrying a secret made at start and never written anywhere, followed by the certificate's common name. The
 * backend port listens on loopback only; the secret keeps another local process from claiming the API server's name.
 */
@ApplicationScoped
public class StreamClientIdentity {

    /** The header the front adds; one sent by a client is dropped before the front adds its own. */
    static final String HEADER = "X-KubeEdgeJ-Stream-Client";

    private final String secret;

    public StreamClientIdentity() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** @return the header line that names a verified client */
    String headerLine(String commonName) {
        // A name with line breaks would end the header early; certificates of the project CA have none, but check.
        return HEADER + ": " + secret + " " + commonName.replaceAll("\\p{Cntrl}", "?");
    }

    /** @return the verified common name the header carries, or empty when it does not carry this server's secret */
    Optional<String> verified(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        int space = headerValue.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(secret.getBytes(StandardCharsets.US_ASCII),
                headerValue.substring(0, space).getBytes(StandardCharsets.US_ASCII));
        return same ? Optional.of(headerValue.substring(space + 1)) : Optional.empty();
    }
}
