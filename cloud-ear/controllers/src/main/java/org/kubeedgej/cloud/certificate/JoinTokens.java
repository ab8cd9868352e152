package org.kubeedgej.cloud.certificate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;

/**
 * KubeEdge's join token ({@code pkg/security/token}): {@code hex(sha256(CA DER)) + "." + JWT}, the JWT HS256 with
 * only an expiry, keyed by the CA private key's DER bytes. So a token made by {@code keadm gettoken} against the same
 * CA Secret verifies here and the other way round. The edge sends only the JWT, as a bearer token.
 */
public final class JoinTokens {

    /** Longer than a JWT header plus claims and signature ever is; a bound for what is parsed. */
    static final int MAX_TOKEN_CHARS = 4096;

    private final Clock clock;

    public JoinTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param caDer the CA certificate, DER
     * @param caKeyDer the CA private key, DER (the HMAC key)
     * @param validity how long the token is valid (KubeEdge: 2 x tokenRefreshDuration)
     * @return the token an edge joins with
     */
    public String create(byte[] caDer, byte[] caKeyDer, Duration validity) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                    .expirationTime(Date.from(clock.instant().plus(validity))).build());
            jwt.sign(new MACSigner(caKeyDer));
            return caHash(caDer) + "." + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a join token with the CA key: " + e.getMessage(), e);
        }
    }

    /**
     * @param bearer the JWT an edge presents (the token without its CA hash)
     * @param caKeyDer the CA private key, DER
     * @return why it is refused, or null when it is valid
     */
    public String refusal(String bearer, byte[] caKeyDer) {
        if (bearer == null || bearer.isBlank()) {
            return "no token; get one with bin/kubeedge-j gettoken (or keadm gettoken) on the cloud side";
        }
        if (bearer.length() > MAX_TOKEN_CHARS) {
            return "the token is too long to be one";
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(bearer);
        } catch (ParseException e) {
            return "the token is not a JWT (" + e.getMessage() + "); pass the whole token from gettoken";
        }
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return "the token is signed with " + jwt.getHeader().getAlgorithm() + ", not HS256";
        }
        try {
            if (!jwt.verify(new MACVerifier(caKeyDer))) {
                return "the token was not made with this cluster's CA (another cluster's, or a CA that was replaced);"
                        + " get a new one with gettoken";
            }
            Date expiry = jwt.getJWTClaimsSet().getExpirationTime();
            if (expiry == null) {
                return "the token has no expiry";
            }
            if (!expiry.toInstant().isAfter(clock.instant())) {
                return "the token expired at " + expiry.toInstant() + "; get a new one with gettoken";
            }
            return null;
        } catch (JOSEException | ParseException e) {
            return "the token cannot be checked: " + e.getMessage();
        }
    }

    /** @return KubeEdge's CA hash: lower-case hex of the SHA-256 of the CA certificate's DER */
    public static String caHash(byte[] caDer) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(caDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
