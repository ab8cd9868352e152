package org.kubeedgej.edge.certificate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KubeEdge's join token (pkg/security/token): {@code hex(SHA-256 of the CA's DER)} + "." + an HS256 JWT. The hash
 * pins the CA the edge fetches over a connection it cannot verify yet; the JWT (the token minus its hash) is the
 * bearer credential {@code /edge.crt} checks.
 */
public final class JoinToken {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern JWT_PART = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");
    private static final String WHERE = "copy it again, whole, from `bin/kubeedge-j gettoken` (or `keadm gettoken`)"
            + " on the cloud host";

    private final String caHash;
    private final String jwt;

    private JoinToken(String caHash, String jwt) {
        this.caHash = caHash;
        this.jwt = jwt;
    }

    /**
     * @param token the token as {@code gettoken} prints it
     * @return the parsed token
     * @throws CertificateServiceException with the fix, when it is not in KubeEdge's form
     */
    public static JoinToken parse(String token) {
        String t = token == null ? "" : token.strip();
        if (t.isEmpty()) {
            throw new CertificateServiceException("no token given (--token)", "pass --token=<token>; " + WHERE);
        }
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            throw new CertificateServiceException("the token is not in KubeEdge's format: it has " + parts.length
                    + " dot-separated parts, not 4 (<CA hash>.<JWT header>.<JWT claims>.<JWT signature>)",
                    WHERE + "; a cut-off or wrapped token looks like this");
        }
        if (!HASH.matcher(parts[0]).matches()) {
            throw new CertificateServiceException("the token does not start with the CA's SHA-256 hash (64 lower-case"
                    + " hex digits), it starts with '" + abbreviate(parts[0]) + "'", WHERE);
        }
        for (int i = 1; i < 4; i++) {
            if (!JWT_PART.matcher(parts[i]).matches()) {
                throw new CertificateServiceException("part " + (i + 1) + " of the token is not base64url text"
                        + " (a JWT)", WHERE);
            }
        }
        return new JoinToken(parts[0], parts[1] + "." + parts[2] + "." + parts[3]);
    }

    /** @return the CA hash the token names (hex SHA-256) */
    public String caHash() {
        return caHash;
    }

    /** @return the bearer credential: the token without its CA hash */
    public String jwt() {
        return jwt;
    }

    /**
     * Checks the CA fetched from the cloud against the token's hash.
     *
     * @param caDer the CA certificate in DER, as {@code /ca.crt} served it
     * @param source where it came from, for the message
     * @throws CertificateServiceException when it is another CA
     */
    public void verifyCa(byte[] caDer, String source) {
        String actual = sha256Hex(caDer);
        if (!actual.equals(caHash)) {
            throw new CertificateServiceException("the CA certificate served by " + source + " (SHA-256 " + actual
                    + ") is not the CA this token was made for (" + caHash + ")",
                    "use a token from this cluster's cloud host (bin/kubeedge-j gettoken there); if the token is right,"
                    + " something between this host and CloudCore answers in its place, or CloudCore's CA changed"
                    + " (Secret kubeedge/casecret) after the token was made");
        }
    }

    /** @return when the JWT says it expires, if it says so (read without checking its signature) */
    public Optional<Instant> expiry() {
        try {
            String claims = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
            Matcher m = EXP.matcher(claims);
            return m.find() ? Optional.of(Instant.ofEpochSecond(Long.parseLong(m.group(1)))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * @param der bytes
     * @return their SHA-256 in lower-case hex, as KubeEdge's hashCA
     */
    public static String sha256Hex(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 16 ? s.substring(0, 16) + "..." : s;
    }

    @Override
    public String toString() {
        return caHash.substring(0, 8) + "...(token hidden)";
    }
}
